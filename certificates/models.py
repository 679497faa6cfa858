"""Certificates: one per learner and course, with a serial, a signed verification code and a PDF.

Names, course and facility are copied onto the certificate when it is issued, so a later rename or
transfer never changes what a printed certificate says.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts import permissions
from lms.accounts.models import initials
from lms.storage import private_storage


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        return permissions.scope(self, user, facility="facility", owner="learner")


class SerialCounter(models.Model):
    """The last serial number used per facility and year (KLD-2026-000123)."""

    facility = models.ForeignKey("accounts.Facility", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facility", "year"], name="unique_serial_counter")]

    def __str__(self) -> str:
        return f"{self.facility_id}/{self.year}: {self.last}"


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")

    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("learner")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("course")
    )
    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("facility")
    )
    learner_name = models.CharField(_("name on the certificate"), max_length=160)
    course_title = models.CharField(_("course title"), max_length=255)
    facility_name = models.CharField(_("facility name"), max_length=160)
    issued_on = models.DateField(_("issue date"))
    verification_code = models.CharField(_("verification code"), max_length=32)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    pdf = models.FileField(_("PDF"), upload_to="certificates/", storage=private_storage, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="one_certificate_per_course")]

    def __str__(self) -> str:
        return self.serial

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def learner_initials(self) -> str:
        return initials(self.learner_name)
