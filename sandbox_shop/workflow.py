"""The review workflow of a practice listing.

    draft → submitted → (changes_requested → submitted)* → approved | rejected;  approved → promoted

``MOVES`` is the one table of allowed moves. Each move is one function that checks permission,
locks the listing, refuses any state not in the table with ``InvalidListingTransition``, writes a
ListingStatusChange row and an audit event, all in one transaction.

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
    with transaction.atomic():
        return _move(listing.pk, "approve", actor=actor, comment=comment.strip())


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
        key = source_key(listing.pk)
        if promotion_for(key) is None:
            raise ValidationError(_("Choose the stock and the makers on the promote page first."))
        product = product_publish(actor=actor, facility=listing.facility, spec=product_spec(listing), source_key=key)
        current = PracticeListing.objects.select_for_update().get(pk=listing_id)
        if current.status == S.PROMOTED and current.product_id == product.pk:
            return product  # a concurrent run finished the move while this one copied
        promoted = _move(listing.pk, "promote", actor=actor)
        promoted.product = product
        promoted.save(update_fields=["product"])
        return product


def _promoted_listing(actor, listing_id: int) -> PracticeListing:
    listing = PracticeListing.objects.select_for_update().select_related("product").get(pk=listing_id)
    permissions.require(actor, "listing.promote", facility=listing.facility_id, owner=listing.learner_id)
    if listing.status != S.PROMOTED or listing.product is None:
        raise ValidationError(_("This listing has no product in the store."))
    return listing


def listing_product_refresh(*, actor, listing_id: int):
    """Update the store product from the listing's current (approved) content."""
    from store.services import product_refresh

    with transaction.atomic():
        listing = _promoted_listing(actor, listing_id)
        return product_refresh(actor=actor, product=listing.product, spec=product_spec(listing))


def listing_product_unpublish(*, actor, listing_id: int):
    """Take the listing's product off the public store; the listing stays as it is."""
    from store.services import product_unpublish

    with transaction.atomic():
        listing = _promoted_listing(actor, listing_id)
        return product_unpublish(actor=actor, product=listing.product)
