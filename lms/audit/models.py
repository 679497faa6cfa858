"""AuditEvent: an append-only record of who did what to which object, written by services only.

Rows are only ever inserted: ``save()`` refuses an update and ``delete()`` refuses, and no page or
admin screen offers either.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Empty when the system acted (a background job)."),
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("object type"), max_length=64)
    target_id = models.CharField(_("object id"), max_length=64)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    facility = models.ForeignKey(
        "accounts.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facility"),
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    # A label, not a foreign key: the event outlives any renaming or removal of the terminal.
    terminal = models.CharField(_("terminal"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit events are append-only")

    def details(self) -> list[tuple[str, str]]:
        """The details worth showing: empty values left out, lists as comma-separated text."""
        shown = []
        for key, value in (self.data or {}).items():
            if value in (None, "", [], {}):
                continue
            if isinstance(value, list | tuple):
                value = ", ".join(str(item) for item in value)
            shown.append((key, str(value)))
        return shown
