"""The review workflow of a practice listing.

    draft → submitted → (changes_requested → submitted)* → approved | rejected;  approved → promoted

``MOVES`` is the one table of allowed moves. Each move is one function that checks permission,
locks the listing, refuses any state not in the table with ``InvalidListingTransition``, writes a
ListingStatusChange row and an audit event, all in one transaction. Approval queues promotion to
the real store (``tasks.promote_listing``) once the transaction has committed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.audit.services import audit_record
from lms.jobs import enqueue_on_commit

from .models import ListingStatusChange, PracticeListing
from .quality import ListingFacts, QualityReport, check_listing

S = PracticeListing.Status

MOVES: dict[str, tuple[frozenset[str], str, str]] = {
    # move: (allowed from, to, permission)
    "submit": (frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED, "listing.submit"),
    "request_changes": (frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, "listing.review"),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED, "listing.review"),
    "reject": (frozenset({S.SUBMITTED}), S.REJECTED, "listing.review"),
    "promote": (frozenset({S.APPROVED}), S.PROMOTED, "listing.promote"),
}


class InvalidListingTransition(Exception):
    def __init__(self, listing: PracticeListing, move: str):
        self.listing, self.move = listing, move
        super().__init__(
            _("This listing is “%(status)s”; it cannot be %(move)s now.")
            % {"status": listing.get_status_display(), "move": MOVE_LABELS.get(move, move)}
        )


MOVE_LABELS = {
    "submit": _("submitted"),
    "request_changes": _("sent back for changes"),
    "approve": _("approved"),
    "reject": _("rejected"),
    "promote": _("promoted to the store"),
}


def allowed_moves(listing: PracticeListing) -> list[str]:
    return [move for move, (sources, _to, _perm) in MOVES.items() if listing.status in sources]


def _move(listing_id: int, move: str, *, actor, comment: str = "") -> PracticeListing:
    """Run ``move`` on the locked listing; the caller is inside ``transaction.atomic``."""
    sources, target, action = MOVES[move]
    listing = PracticeListing.objects.select_for_update().get(pk=listing_id)
    if actor is not None:
        # The owner matters for reviewers too: instructors act only on their own cohorts' learners.
        permissions.require(actor, action, facility=listing.facility_id, owner=listing.learner_id)
    if listing.status not in sources:
        raise InvalidListingTransition(listing, move)
    previous = listing.status
    listing.status = target
    if action == "listing.review":
        listing.review_comment = comment
    listing.save()
    ListingStatusChange.objects.create(
        listing=listing, from_status=previous, to_status=target, actor=actor, comment=comment
    )
    audit_record(
        actor=actor,
        action=f"listing.{move}",
        target=listing,
        facility=listing.facility_id,
        data={"from": previous, "to": target, "comment": comment},
    )
    return listing


def submission_problems(listing: PracticeListing) -> list[str]:
    """The quality checker's blockers, as messages; an empty list means the listing may be submitted."""
    return [finding.message for finding in quality_report(listing).blockers]


def quality_report(listing: PracticeListing) -> QualityReport:
    return check_listing(ListingFacts.from_listing(listing))


def listing_submit(*, actor, listing: PracticeListing) -> PracticeListing:
    with transaction.atomic():
        locked = PracticeListing.objects.select_for_update().get(pk=listing.pk)
        permissions.require(actor, "listing.submit", facility=locked.facility_id, owner=locked.learner_id)
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        return _move(listing.pk, "submit", actor=actor)


def listing_request_changes(*, actor, listing: PracticeListing, comment: str) -> PracticeListing:
    if not comment.strip():
        raise ValidationError(_("Tell the learner what to change."))
    with transaction.atomic():
        return _move(listing.pk, "request_changes", actor=actor, comment=comment.strip())


def listing_reject(*, actor, listing: PracticeListing, comment: str) -> PracticeListing:
    if not comment.strip():
        raise ValidationError(_("Give the reason for rejecting."))
    with transaction.atomic():
        return _move(listing.pk, "reject", actor=actor, comment=comment.strip())


def listing_approve(*, actor, listing: PracticeListing, comment: str = "") -> PracticeListing:
    from .buyers.tasks import create_buyer_scenario
    from .tasks import promote_listing

    with transaction.atomic():
        approved = _move(listing.pk, "approve", actor=actor, comment=comment.strip())
        enqueue_on_commit(promote_listing, approved.pk, getattr(actor, "pk", None))
        enqueue_on_commit(create_buyer_scenario, approved.pk)
    return approved


def listing_promote(*, actor, listing_id: int):
    """Copy an approved listing into the facility's store. Running it again changes nothing."""
    from store.services import ProductSpec, product_publish

    with transaction.atomic():
        listing = PracticeListing.objects.select_for_update().get(pk=listing_id)
        if listing.status == S.PROMOTED and listing.product_id:
            return listing.product
        if listing.status != S.APPROVED:
            raise InvalidListingTransition(listing, "promote")
        spec = ProductSpec(
            title=listing.title,
            description=listing.description,
            price=listing.price,
            category=listing.category,
            photos=[photo.image for photo in listing.photos.all()],
        )
        product = product_publish(
            actor=actor, facility=listing.facility, spec=spec, source_key=f"sandbox_shop.listing:{listing.pk}"
        )
        promoted = _move(listing.pk, "promote", actor=actor)
        promoted.product = product
        promoted.save(update_fields=["product"])
        return product
