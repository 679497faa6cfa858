from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError, OSError), retry_backoff=5, max_retries=5)
def run_h5p_import(import_id: str) -> str:
    """Check and install an uploaded package; the import id makes a second run a no-op."""
    from .services import h5p_import_run

    row = h5p_import_run(import_id=import_id)
    return row.status if row else "missing"
