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


@shared_task(acks_late=True)
def resume_stalled_promotions() -> int:
    """Queue again every approved listing an officer promoted that is still without its product
    (the job was lost or its worker died)."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from store.models import Promotion

    from .models import PracticeListing
    from .workflow import source_key

    cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    waiting = {
        promotion.source_key: promotion.requested_by_id
        for promotion in Promotion.objects.filter(
            product__isnull=True, updated_at__lt=cutoff, source_key__startswith="sandbox_shop.listing:"
        )
    }
    ids = [int(key.rsplit(":", 1)[1]) for key in waiting]
    stalled = PracticeListing.objects.filter(status=PracticeListing.Status.APPROVED, pk__in=ids).order_by("pk")
    count = 0
    for listing_id in stalled.values_list("pk", flat=True)[:200]:
        promote_listing.delay(listing_id, waiting[source_key(listing_id)])
        count += 1
    return count


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=5, retry_backoff_max=300, max_retries=5)
def make_photo_thumbnail(photo_id: int) -> str:
    """Make the small JPEG shown in lists; a photo that has one already (or is gone) is left alone."""
    from .photos import photo_thumbnail_create

    return photo_thumbnail_create(photo_id=photo_id)


@shared_task(acks_late=True)
def resume_missing_thumbnails() -> int:
    """Queue again every photo still without a thumbnail a while after upload (lost or killed job)."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from .models import ListingPhoto

    cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    waiting = ListingPhoto.objects.filter(thumbnail="", uploaded_at__lt=cutoff).order_by("pk")
    count = 0
    for photo_id in waiting.values_list("pk", flat=True)[:200]:
        make_photo_thumbnail.delay(photo_id)
        count += 1
    return count
