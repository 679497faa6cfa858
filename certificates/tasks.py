from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError, OSError), retry_backoff=5, max_retries=8)
def render_certificate(certificate_id: int) -> str:
    """Render the certificate's PDF; a second run finds it ready and does nothing."""
    from .services import certificate_render

    return certificate_render(certificate_id=certificate_id).serial


@shared_task(acks_late=True)
def resume_stalled_renders() -> int:
    """Queue again every certificate still without its PDF (lost or killed job)."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from .models import Certificate

    cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    stalled = Certificate.objects.filter(status=Certificate.Status.PENDING, created_at__lt=cutoff)
    ids = list(stalled.values_list("pk", flat=True)[:500])
    for certificate_id in ids:
        render_certificate.delay(certificate_id)
    return len(ids)
