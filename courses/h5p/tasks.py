from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError, OSError), retry_backoff=5, max_retries=5)
def run_h5p_import(import_id: str) -> str:
    """Check and install an uploaded package; the import id makes a second run a no-op."""
    from .services import h5p_import_run

    row = h5p_import_run(import_id=import_id)
    return row.status if row else "missing"


@shared_task(acks_late=True)
def resume_stalled_imports() -> int:
    """Queue again every import still queued or running a while after upload (lost or killed job)."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from .models import H5PImport

    cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    stalled = H5PImport.objects.filter(
        status__in=[H5PImport.Status.QUEUED, H5PImport.Status.RUNNING], created_at__lt=cutoff
    ).order_by("created_at")
    ids = [str(pk) for pk in stalled.values_list("pk", flat=True)[:100]]
    for import_id in ids:
        run_h5p_import.delay(import_id)
    return len(ids)
