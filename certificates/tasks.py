from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError, OSError), retry_backoff=5, max_retries=8)
def render_certificate(certificate_id: int) -> str:
    """Render the certificate's PDF; a second run finds it ready and does nothing."""
    from .services import certificate_render

    return certificate_render(certificate_id=certificate_id).serial
