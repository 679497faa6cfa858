from celery import shared_task
from django.db import DatabaseError


@shared_task(name="reports.refresh", acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=5, max_retries=3)
def refresh() -> int:
    """Recompute the figures of the facilities whose data changed; a rerun with nothing new is a no-op."""
    from .aggregates import refresh as refresh_stale

    return len(refresh_stale())


@shared_task(name="reports.rebuild", acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=30, max_retries=3)
def rebuild_all() -> int:
    """Nightly: recompute every facility from scratch (catches writes that send no signal)."""
    from .aggregates import rebuild

    return rebuild()
