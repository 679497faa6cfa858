from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError, OSError), retry_backoff=5, max_retries=5)
def run_learner_import(batch_id: str) -> str:
    """Create the learners of a confirmed import batch; the batch id makes a second run a no-op."""
    from .services import learner_import_run

    return learner_import_run(batch_id=batch_id).status


@shared_task(acks_late=True)
def resume_stalled_imports() -> int:
    """Queue again confirmed imports whose job was lost (broker down) or whose worker died midway."""
    from datetime import timedelta

    from django.conf import settings
    from django.core.cache import cache
    from django.utils import timezone

    from .models import ImportBatch
    from .services import import_progress_key

    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.JOB_STALL_SECONDS)
    queued = 0
    for batch in ImportBatch.objects.filter(
        status__in=[ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING], created_at__lt=cutoff
    )[:50]:
        progress = cache.get(import_progress_key(batch.pk)) or {}
        if progress.get("at", 0) > cutoff.timestamp():
            continue  # a worker is still hashing PINs for it
        run_learner_import.delay(str(batch.pk))
        queued += 1
    return queued
