"""The review workflow of a practice listing.

    draft → submitted → (changes_requested → submitted)* → approved | rejected;  approved → promoted
    promoted | rejected-with-product → revising → submitted → … → approved → (product refreshed) promoted

A promoted listing is changed through a new revision: the learner starts it ("revise"), edits and
submits it, an officer reviews it as any other. The store product keeps showing the revision it was
last copied from (``product_revision``) until an officer refreshes it from the newly approved
revision; that refresh is the "republish" move back to promoted. The store never shows text that
has not been approved. The product can be unpublished at any point.

``MOVES`` is the one table of allowed moves. Each move is one function that checks permission,
locks the listing, refuses any state not in the table with ``InvalidListingTransition``, writes a
ListingStatusChange row and an audit event, all in one transaction.

Each submission freezes the listing as a ListingRevision; each review decision (request changes,
approve, reject) is a ListingReview of that revision, with the rubric scores and the officer's
comments per field. Scores and comments are checked before anything is written.

Approval does not publish anything. An officer then promotes the approved listing on the promote
page: ``listing_promotion_request`` records the real stock and the makers (``store.services``) and
queues ``tasks.promote_listing`` once the transaction has committed; that job runs ``listing_promote``,
which copies the listing into the store and makes the "promote" move. ``listing_product_refresh`` and
``listing_product_unpublish`` change the product later.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.audit.services import audit_record
from lms.jobs import enqueue_on_commit
from lms.jobs.faults import pause_point

from . import rubric
from .models import FieldComment, ListingReview, ListingRevision, ListingStatusChange, PracticeListing
from .quality import ListingFacts, QualityReport, check_listing
from .revisions import snapshot
from .signals import listing_approved

S = PracticeListing.Status

MOVES: dict[str, tuple[frozenset[str], str, str]] = {
    # move: (allowed from, to, permission)
    "submit": (frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.REVISING}), S.SUBMITTED, "listing.submit"),
    "request_changes": (frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED, "listing.review"),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED, "listing.review"),
    "reject": (frozenset({S.SUBMITTED}), S.REJECTED, "listing.review"),
    "promote": (frozenset({S.APPROVED}), S.PROMOTED, "listing.promote"),
    # only for a listing that has a store product (checked by ``listing_revise``)
    "revise": (frozenset({S.PROMOTED, S.REJECTED}), S.REVISING, "listing.submit"),
    # an approved revision of a listing that has a store product, copied into it
    "republish": (frozenset({S.APPROVED}), S.PROMOTED, "listing.promote"),
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
    "revise": _("revised"),
    "republish": _("updated in the store"),
}


def _guard(listing: PracticeListing, move: str) -> bool:
    """Conditions beyond the status: a first promotion has no product yet; revise and republish need one."""
    if move in ("revise", "republish"):
        return listing.product_id is not None
    if move == "promote":
        return listing.product_id is None
    return True


def allowed_moves(listing: PracticeListing) -> list[str]:
    return [
        move for move, (sources, _to, _perm) in MOVES.items() if listing.status in sources and _guard(listing, move)
    ]


def _move(listing_id: int, move: str, *, actor, comment: str = "", audit_data: dict | None = None) -> PracticeListing:
    """Run ``move`` on the locked listing; the caller is inside ``transaction.atomic``."""
    sources, target, action = MOVES[move]
    listing = PracticeListing.objects.select_for_update().get(pk=listing_id)
    if actor is not None:
        # The owner matters for reviewers too: instructors act only on their own cohorts' learners.
        permissions.require(actor, action, facility=listing.facility_id, owner=listing.learner_id)
    if listing.status not in sources or not _guard(listing, move):
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
        data={"from": previous, "to": target, "comment": comment, **(audit_data or {})},
    )
    return listing


def submission_problems(listing: PracticeListing) -> list[str]:
    """The quality checker's blockers, as messages; an empty list means the listing may be submitted."""
    return [finding.message for finding in quality_report(listing).blockers]


def quality_report(listing: PracticeListing) -> QualityReport:
    return check_listing(ListingFacts.from_listing(listing))


def listing_submit(*, actor, listing: PracticeListing) -> PracticeListing:
    """Send the listing for review and freeze what was sent as the next revision."""
    with transaction.atomic():
        locked = PracticeListing.objects.select_for_update().get(pk=listing.pk)
        permissions.require(actor, "listing.submit", facility=locked.facility_id, owner=locked.learner_id)
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        submitted = _move(listing.pk, "submit", actor=actor)
        _freeze_revision(submitted, submitted_by=actor)
        return submitted


def listing_revise(*, actor, listing: PracticeListing) -> PracticeListing:
    """Start a new revision of a listing that is in the store. The product is not touched: it keeps
    showing the last approved revision until an officer approves the new one and refreshes it."""
    with transaction.atomic():
        current = PracticeListing.objects.select_for_update().get(pk=listing.pk)
        return _move(
            listing.pk,
            "revise",
            actor=actor,
            audit_data={"product": current.product_id, "store_revision": _revision_number(current.product_revision_id)},
        )


def _revision_number(revision_id: int | None) -> int | None:
    if revision_id is None:
        return None
    return ListingRevision.objects.filter(pk=revision_id).values_list("number", flat=True).first()


def _approved_revision(listing: PracticeListing) -> ListingRevision | None:
    """The latest revision an officer approved."""
    return (
        listing.revisions.filter(reviews__decision=ListingReview.Decision.APPROVE)
        .order_by("-number")
        .distinct()
        .first()
    )


def _freeze_revision(listing: PracticeListing, *, submitted_by) -> ListingRevision:
    """The next revision of the (locked) listing."""
    last = listing.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return ListingRevision.objects.create(
        listing=listing, number=last + 1, data=snapshot(listing), submitted_by=submitted_by
    )


def _review(
    listing_id: int,
    move: str,
    *,
    actor,
    comment: str,
    scores: dict | None,
    field_comments: dict | None,
) -> PracticeListing:
    """A review decision on the revision waiting for review, with its rubric and field comments.

    ``scores`` (all five criteria, 1–4) may be left out only by scripts; the review page always
    sends them. Everything is checked before the listing is touched.
    """
    cleaned_scores = rubric.clean_scores(scores) if scores is not None else None
    notes = rubric.clean_field_comments(field_comments)
    comment = comment.strip()
    if move == "request_changes" and not comment and not notes:
        raise ValidationError(_("Tell the learner what to change: write a comment or a comment on a field."))
    if move == "reject" and not comment:
        raise ValidationError(_("Give the reason for rejecting."))
    with transaction.atomic():
        locked = PracticeListing.objects.select_for_update().get(pk=listing_id)
        revision = locked.revisions.order_by("-number").first()
        if revision is None and locked.status == S.SUBMITTED:
            # submitted before revisions were kept: freeze what is being reviewed
            revision = _freeze_revision(locked, submitted_by=None)
        audit_data = {"revision": getattr(revision, "number", None), "fields": sorted(notes)}
        if cleaned_scores:
            audit_data["scores"] = cleaned_scores
        listing = _move(listing_id, move, actor=actor, comment=comment, audit_data=audit_data)
        review = ListingReview.objects.create(
            listing=listing,
            revision=revision,
            reviewer=actor,
            decision=move,
            comment=comment,
            **{f"score_{key}": value for key, value in (cleaned_scores or {}).items()},
        )
        FieldComment.objects.bulk_create(
            FieldComment(review=review, field=name, text=text) for name, text in notes.items()
        )
        return listing


def listing_request_changes(
    *, actor, listing: PracticeListing, comment: str = "", scores: dict | None = None, field_comments=None
) -> PracticeListing:
    return _review(
        listing.pk, "request_changes", actor=actor, comment=comment, scores=scores, field_comments=field_comments
    )


def listing_reject(
    *, actor, listing: PracticeListing, comment: str, scores: dict | None = None, field_comments=None
) -> PracticeListing:
    return _review(listing.pk, "reject", actor=actor, comment=comment, scores=scores, field_comments=field_comments)


def listing_approve(
    *, actor, listing: PracticeListing, comment: str = "", scores: dict | None = None, field_comments=None
) -> PracticeListing:
    from .buyers.tasks import create_buyer_scenario

    with transaction.atomic():
        approved = _review(
            listing.pk, "approve", actor=actor, comment=comment, scores=scores, field_comments=field_comments
        )
        enqueue_on_commit(create_buyer_scenario, approved.pk)
        listing_approved.send(sender=PracticeListing, listing=approved)
    return approved


def source_key(listing_id: int) -> str:
    """The store's natural key for the one product made from a listing."""
    return f"sandbox_shop.listing:{listing_id}"


def product_spec(listing: PracticeListing):
    """The listing's content as the store takes it: text, photos, variants, legality and shipping facts."""
    from store.services import ProductSpec

    return ProductSpec(
        title=listing.title,
        description=listing.description,
        price=listing.price,
        category=listing.category,
        subcategory=listing.subcategory,
        photos=[photo.image for photo in listing.photos.all()],
        variants=[(variant.name, variant.price) for variant in listing.variants.all()],
        nib=listing.nib,
        spp_irt_number=listing.spp_irt_number,
        bpom_md_number=listing.bpom_md_number,
        halal_status=listing.halal_status,
        halal_number=listing.halal_number,
        weight_grams=listing.weight_grams,
        length_cm=listing.length_cm,
        width_cm=listing.width_cm,
        height_cm=listing.height_cm,
    )


def listing_promotion_request(*, actor, listing: PracticeListing, makers, inventory=None, new_stock=None):
    """The officer's promote page: link an approved listing to stock and makers, then queue publishing."""
    from store.services import promotion_request

    from .tasks import promote_listing

    with transaction.atomic():
        locked = PracticeListing.objects.select_for_update().get(pk=listing.pk)
        permissions.require(actor, "listing.promote", facility=locked.facility_id, owner=locked.learner_id)
        if locked.status != S.APPROVED:
            raise InvalidListingTransition(locked, "promote")
        promotion = promotion_request(
            actor=actor,
            facility=locked.facility,
            source_key=source_key(locked.pk),
            makers=makers,
            inventory=inventory,
            new_stock=new_stock,
        )
        enqueue_on_commit(promote_listing, locked.pk, getattr(actor, "pk", None))
    return promotion


def listing_promote(*, actor, listing_id: int):
    """Copy an approved listing into the facility's store (the publishing job). Running it again changes nothing.

    Refused until an officer has made the promotion request (stock and makers).
    """
    from store.services import product_publish, promotion_for

    with transaction.atomic():
        listing = PracticeListing.objects.select_for_update().get(pk=listing_id)
        if listing.status == S.PROMOTED and listing.product_id:
            return listing.product
        if listing.status != S.APPROVED:
            raise InvalidListingTransition(listing, "promote")
        if listing.product_id:
            # an approved new revision of a listing in the store: the officer refreshes the product
            return listing.product
        key = source_key(listing.pk)
        if promotion_for(key) is None:
            raise ValidationError(_("Choose the stock and the makers on the promote page first."))
        product = product_publish(actor=actor, facility=listing.facility, spec=product_spec(listing), source_key=key)
        pause_point("listing.promote")  # fault drills: the worker is killed with the product half made
        current = PracticeListing.objects.select_for_update().get(pk=listing_id)
        if current.status == S.PROMOTED and current.product_id == product.pk:
            return product  # a concurrent run finished the move while this one copied
        promoted = _move(listing.pk, "promote", actor=actor)
        promoted.product = product
        promoted.product_revision = _approved_revision(promoted)
        promoted.save(update_fields=["product", "product_revision"])
        return product


def _listing_with_product(actor, listing_id: int) -> PracticeListing:
    listing = PracticeListing.objects.select_for_update(of=("self",)).select_related("product").get(pk=listing_id)
    permissions.require(actor, "listing.promote", facility=listing.facility_id, owner=listing.learner_id)
    if listing.product is None:
        raise ValidationError(_("This listing has no product in the store."))
    return listing


def store_is_current(listing: PracticeListing) -> bool:
    """Whether the product shows the listing's newest approved revision (so a refresh would change nothing)."""
    if listing.status != S.PROMOTED or listing.product_revision_id is None:
        return False
    approved = _approved_revision(listing)
    return approved is None or approved.pk == listing.product_revision_id


def listing_product_refresh(*, actor, listing_id: int):
    """Copy the listing's newest approved revision into its store product, exactly once.

    Approved (a new revision of a listing in the store): the content is copied and the listing makes
    the "republish" move back to promoted. Promoted and already copied: nothing happens (a second run,
    a double click). A revision still being edited or reviewed is refused: the store keeps showing the
    last approved revision.
    """
    from store.services import product_refresh

    with transaction.atomic():
        listing = _listing_with_product(actor, listing_id)
        if listing.status not in (S.APPROVED, S.PROMOTED):
            raise ValidationError(
                _("The new revision is not approved yet; the store keeps showing the last approved version.")
            )
        if store_is_current(listing):
            return listing.product
        approved = _approved_revision(listing)
        product = product_refresh(actor=actor, product=listing.product, spec=product_spec(listing))
        if listing.status == S.APPROVED:
            _move(
                listing.pk,
                "republish",
                actor=actor,
                audit_data={"product": product.pk, "revision": getattr(approved, "number", None)},
            )
        PracticeListing.objects.filter(pk=listing.pk).update(product_revision=approved)
        return product


def listing_product_unpublish(*, actor, listing_id: int):
    """Take the listing's product off the public store, whatever the listing's state; the listing stays as it is."""
    from store.services import product_unpublish

    with transaction.atomic():
        listing = _listing_with_product(actor, listing_id)
        return product_unpublish(actor=actor, product=listing.product)
