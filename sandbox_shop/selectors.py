"""Reads for officers: the review queue with its filters, and one listing's review history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import ListingReview, ListingRevision, PracticeListing
from .revisions import FieldChange, diff

S = PracticeListing.Status
# The queue shows listings that have been sent at least once; drafts are the learner's business.
QUEUE_STATUSES = (S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.PROMOTED)
WAITING_DAYS = (1, 3, 7)


def review_queue(
    *, user, status: str | None = S.SUBMITTED, cohort=None, waiting_days: int | None = None
) -> QuerySet[PracticeListing]:
    """The listings ``user`` may review, oldest waiting first.

    ``waiting_since`` is when the listing entered its present status (for a submitted listing: when
    it was last sent); ``status=None`` means every status but draft; ``cohort`` must already be one
    the user may see; ``waiting_days`` keeps listings waiting at least that many days.
    """
    listings = (
        PracticeListing.objects.visible_to(user)
        .filter(status__in=[status] if status else QUEUE_STATUSES)
        .select_related("learner", "facility")
        .annotate(waiting_since=Coalesce(Max("status_changes__created_at"), "updated_at"))
    )
    if cohort is not None:
        listings = listings.filter(learner__in=cohort.learners.values("pk"))
    if waiting_days:
        listings = listings.filter(waiting_since__lte=timezone.now() - timedelta(days=waiting_days))
    return listings.order_by("waiting_since", "pk")


@dataclass
class RevisionView:
    revision: ListingRevision
    review: ListingReview | None
    changes: list[FieldChange]


def listing_revisions(listing: PracticeListing) -> list[RevisionView]:
    """Every revision of the listing, oldest first, with its review and what changed since the one before."""
    revisions = list(listing.revisions.order_by("number"))
    reviews = {
        r.revision_id: r
        for r in ListingReview.objects.filter(listing=listing)
        .select_related("reviewer")
        .prefetch_related("field_comments")
    }
    views, previous = [], None
    for revision in revisions:
        views.append(RevisionView(revision, reviews.get(revision.pk), diff(previous, revision.data)))
        previous = revision.data
    return views


def latest_review(listing: PracticeListing) -> ListingReview | None:
    """The officer's last review, as the learner is shown it (scores and comments per field)."""
    return (
        ListingReview.objects.filter(listing=listing)
        .prefetch_related("field_comments")
        .order_by("-created_at", "-pk")
        .first()
    )
