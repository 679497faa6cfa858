"""Supervised lab terminals: registered computers, lab sessions an officer opens, learner sessions.

A facility may require that learners sign in only on a registered terminal (a browser carrying a
signed device cookie) and only while an officer has the lab open. Every learner sign-in is one
``LearnerSession`` row: it lets a new sign-in end the older one, and it feeds the officer's live view.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Facility


class FacilityLabSettings(models.Model):
    """Per-facility rules for learner sign-in; a facility without a row uses the defaults."""

    facility = models.OneToOneField(
        Facility, on_delete=models.CASCADE, primary_key=True, related_name="lab_settings", verbose_name=_("facility")
    )
    require_terminal = models.BooleanField(
        _("learners sign in only on a registered terminal"),
        default=False,
    )
    require_lab_session = models.BooleanField(
        _("learners sign in only while an officer has the lab open"),
        default=False,
    )
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        _("idle timeout (minutes)"),
        default=15,
        validators=[MinValueValidator(2), MaxValueValidator(240)],
        help_text=_("A learner who does nothing for this long is signed out."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lab settings")
        verbose_name_plural = _("lab settings")

    def __str__(self) -> str:
        return str(self.facility)

    @classmethod
    def for_facility(cls, facility_id: int | None) -> "FacilityLabSettings":
        """The saved row, or an unsaved one with the defaults (rows are created on first change)."""
        if facility_id is None:
            return cls()
        return cls.objects.filter(pk=facility_id).first() or cls(facility_id=facility_id)


def new_terminal_token() -> str:
    return secrets.token_urlsafe(32)


class Terminal(models.Model):
    """A lab computer; the browser on it carries the token in a signed cookie."""

    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="terminals", verbose_name=_("facility")
    )
    name = models.CharField(_("name"), max_length=60)
    location = models.CharField(_("location"), max_length=120, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_terminal_token, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("registered by")
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    active = models.BooleanField(_("active"), default=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("terminal")
        verbose_name_plural = _("terminals")
        ordering = ["facility", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.facility.code})"


class LabSessionQuerySet(models.QuerySet):
    def open_at(self, when):
        return self.filter(closed_at__isnull=True, planned_end__gt=when)


class LabSession(models.Model):
    """An officer opening the lab until a planned end; it closes itself then (beat task + middleware)."""

    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="lab_sessions", verbose_name=_("facility")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    planned_end = models.DateTimeField(_("planned end"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
        help_text=_("Empty when it closed itself at the planned end."),
    )

    objects = LabSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("lab session")
        verbose_name_plural = _("lab sessions")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility"], condition=Q(closed_at__isnull=True), name="one_unclosed_lab_session_per_facility"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facility.code} {self.opened_at:%Y-%m-%d %H:%M}"

    def is_open(self, when=None) -> bool:
        return self.closed_at is None and self.planned_end > (when or timezone.now())


class LearnerSession(models.Model):
    """One learner sign-in: where (terminal), since when, what they are looking at, how it ended."""

    class EndReason(models.TextChoices):
        SIGNED_OUT = "signed_out", _("Signed out")
        IDLE = "idle", _("Idle timeout")
        REPLACED = "replaced", _("Signed in elsewhere")
        ENDED_BY_OFFICER = "ended_by_officer", _("Ended by an officer")
        LAB_CLOSED = "lab_closed", _("Lab closed")
        TERMINAL_REVOKED = "terminal_revoked", _("Terminal not allowed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lab_sessions", verbose_name=_("learner")
    )
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+", verbose_name=_("facility"))
    session_key = models.CharField(max_length=40, db_index=True)
    terminal = models.ForeignKey(
        Terminal, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name=_("terminal")
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now)
    current_path = models.CharField(_("current page"), max_length=300, blank=True)
    current_title = models.CharField(_("page title"), max_length=200, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        verbose_name = _("learner session")
        verbose_name_plural = _("learner sessions")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["facility", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.learner} {self.started_at:%Y-%m-%d %H:%M}"
