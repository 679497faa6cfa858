from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _l


class OutboxMessage(models.Model):
    """A background job asked for in a committed transaction; ``sent_at`` is set once the broker has it."""

    task = models.CharField(_l("task"), max_length=200)
    args = models.JSONField(_l("arguments"), default=list)
    created_at = models.DateTimeField(_l("asked for at"), auto_now_add=True)
    sent_at = models.DateTimeField(_l("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_l("failed attempts"), default=0)
    last_error = models.TextField(_l("last error"), blank=True)

    class Meta:
        verbose_name = _l("queued job")
        verbose_name_plural = _l("queued jobs")
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="outbox_pending_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)!r}"
