"""People and places: regions (Kanwil), facilities (Lapas/Rutan/LPKA), users with one role, cohorts.

Learners (WBP) have no email: they are known by a registration number unique within their facility
and sign in with a PIN an officer sets. Nobody is ever deleted: released learners are deactivated so
their records, progress and certificates stay.
"""

import re

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.storage import private_storage


def initials(name: str) -> str:
    """What public pages may show of a learner: initials only, never the name or number."""
    parts = [p for p in name.replace(".", " ").split() if p]
    return ".".join(p[0].upper() for p in parts[:3]) + "." if parts else "?"


class Region(models.Model):
    """A regional office (Kanwil) overseeing many facilities."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Facility(models.Model):
    class Kind(models.TextChoices):
        LAPAS = "lapas", _("Prison (Lapas)")
        RUTAN = "rutan", _("Detention centre (Rutan)")
        LPKA = "lpka", _("Juvenile facility (LPKA)")

    class Zone(models.TextChoices):
        WIB = "Asia/Jakarta", "WIB"
        WITA = "Asia/Makassar", "WITA"
        WIT = "Asia/Jayapura", "WIT"

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("region"))
    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        help_text=_("Short upper-case code used in sign-in, store addresses and certificate serials, e.g. KLD."),
    )
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.LAPAS)
    timezone = models.CharField(_("time zone"), max_length=32, choices=Zone.choices, default=Zone.WIB)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(code__regex=r"^[A-Z0-9]{2,8}$"), name="facility_code_format")]

    def __str__(self) -> str:
        return self.name


class BekalUserManager(UserManager):
    def learners(self):
        return self.filter(role=User.Role.LEARNER)

    def officers(self):
        return self.exclude(role=User.Role.LEARNER)


class User(AbstractUser):
    """One user model for everyone; ``role`` decides what they may do, ``facility`` where."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner (WBP)")
        INSTRUCTOR = "instructor", _("Instructor")
        FACILITY_ADMIN = "facility_admin", _("Facility administrator")
        REGIONAL_ADMIN = "regional_admin", _("Regional administrator")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEARNER)
    facility = models.ForeignKey(
        Facility,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("facility"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("region"),
        help_text=_("Only for regional administrators."),
    )
    full_name = models.CharField(_("full name"), max_length=160, blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_("The WBP registration number, unique within the facility."),
    )
    must_change_pin = models.BooleanField(_("must choose a new PIN"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)

    class Gender(models.TextChoices):
        MALE = "L", _("Male")
        FEMALE = "P", _("Female")

    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)

    objects = BekalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "registration_number"],
                condition=Q(role="learner"),
                name="unique_learner_registration_per_facility",
            ),
            models.CheckConstraint(
                condition=~Q(role="learner") | (Q(facility__isnull=False) & ~Q(registration_number="")),
                name="learner_has_facility_and_registration",
            ),
            # Learners sign in only with their PIN at /masuk/, never by email at the officers' door.
            models.CheckConstraint(condition=~Q(role="learner") | Q(email=""), name="learner_has_no_email"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.email or self.username

    @property
    def is_learner(self) -> bool:
        return self.role == self.Role.LEARNER

    @property
    def is_officer(self) -> bool:
        return self.is_superuser or self.role in {
            self.Role.INSTRUCTOR,
            self.Role.FACILITY_ADMIN,
            self.Role.REGIONAL_ADMIN,
        }

    @property
    def initials(self) -> str:
        return initials(self.full_name or self.username)

    @staticmethod
    def learner_username(facility_code: str, registration_number: str) -> str:
        """An internal login name; learners never type it (they sign in with facility + number)."""
        return re.sub(r"[^\w.@+-]", "_", f"{facility_code}+{registration_number}".lower())[:150]

    # Learners' PINs use their own, cheaper hasher (lms/accounts/hashers.py); officers keep the default.
    @property
    def _pin_account(self) -> bool:
        return self.role == self.Role.LEARNER and not (self.is_superuser or self.is_staff)

    def set_password(self, raw_password):
        if not self._pin_account or raw_password is None:
            return super().set_password(raw_password)
        from django.contrib.auth.hashers import make_password

        from .hashers import pin_hasher

        self.password = make_password(raw_password, hasher=pin_hasher())
        self._password = raw_password

    def check_password(self, raw_password):
        if not self._pin_account:
            return super().check_password(raw_password)
        from django.contrib.auth.hashers import check_password

        from .hashers import pin_hasher

        def setter(raw):
            self.set_password(raw)
            self._password = None
            self.save(update_fields=["password"])

        return check_password(raw_password, self.password, setter, preferred=pin_hasher())


class Cohort(models.Model):
    """A class (kelas) of learners in one facility, with its instructors and assigned courses."""

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("facility"))
    name = models.CharField(_("name"), max_length=120)
    learners = models.ManyToManyField(
        User,
        blank=True,
        related_name="cohorts",
        limit_choices_to={"role": User.Role.LEARNER},
        verbose_name=_("learners"),
    )
    instructors = models.ManyToManyField(
        User,
        blank=True,
        related_name="taught_cohorts",
        limit_choices_to={"role": User.Role.INSTRUCTOR},
        verbose_name=_("instructors"),
    )
    courses = models.ManyToManyField(
        "courses.CoursePage", blank=True, related_name="cohorts", verbose_name=_("courses")
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["facility", "name"]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="unique_cohort_name_per_facility")]

    def __str__(self) -> str:
        return f"{self.name} ({self.facility.code})"


class TransferRecord(models.Model):
    """One move of a learner between facilities; the learner's history, never edited."""

    learner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("learner"))
    from_facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="+", verbose_name=_("from facility")
    )
    to_facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+", verbose_name=_("to facility"))
    from_registration_number = models.CharField(_("old registration number"), max_length=40)
    to_registration_number = models.CharField(_("new registration number"), max_length=40)
    removed_cohorts = models.JSONField(_("cohorts left"), default=list, blank=True)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.learner} {self.from_facility.code} → {self.to_facility.code}"


class Invitation(models.Model):
    """An administrator's invitation for an officer account; the link in the email is single use."""

    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=160, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=User.Role.choices)
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("facility")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("invited by")
    )
    nonce = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="invitation", verbose_name=_("account")
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"


class ImportBatch(models.Model):
    """One CSV import of learners: validated rows wait here until an officer confirms them.

    The batch id makes the import idempotent: running it twice creates the learners once. The
    first PINs never reach the database in clear; they go only into the batch's private cards PDF.
    """

    class Status(models.TextChoices):
        VALIDATED = "validated", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Creating accounts")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, editable=False)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+", verbose_name=_("facility"))
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by"))
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    rows = models.JSONField(_("rows"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.VALIDATED)
    created_count = models.PositiveIntegerField(_("accounts created"), default=0)
    error = models.TextField(_("error"), blank=True)
    cards_pdf = models.FileField(_("sign-in cards"), upload_to="import-cards/", storage=private_storage, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("learner import")
        verbose_name_plural = _("learner imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename or self.pk} ({self.facility.code})"
