from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=5, retry_backoff_max=300, max_retries=8)
def create_buyer_scenario(listing_id: int) -> int | None:
    """Make the practice buyers of an approved listing; a second run is a no-op."""
    from .services import scenario_build

    scenario = scenario_build(listing_id=listing_id)
    return scenario.pk if scenario else None


@shared_task(acks_late=True)
def resume_missing_buyer_scenarios() -> int:
    """Queue again every approved (or promoted) listing whose practice buyers are missing or unfinished."""
    from datetime import timedelta

    from django.conf import settings
    from django.db.models import Q
    from django.utils import timezone

    from sandbox_shop.models import PracticeListing

    cutoff = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    waiting = (
        PracticeListing.objects.filter(
            status__in=[PracticeListing.Status.APPROVED, PracticeListing.Status.PROMOTED],
            status_changes__to_status=PracticeListing.Status.APPROVED,
            status_changes__created_at__lt=cutoff,
        )
        .filter(Q(buyer_scenario__isnull=True) | Q(buyer_scenario__ready_at__isnull=True))
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    count = 0
    for listing_id in waiting[:200]:
        create_buyer_scenario.delay(listing_id)
        count += 1
    return count
