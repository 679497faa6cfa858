from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import DatabaseError


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=8,
)
def promote_listing(listing_id: int, actor_id: int | None = None) -> int:
    """Publish an approved listing in its facility's store; a second run is a no-op."""
    from .workflow import listing_promote

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return listing_promote(actor=actor, listing_id=listing_id).pk
