"""Writes on a learner's own listing: creating and editing it, with its photos and variants, all or nothing.

New photos get their thumbnail from a background job queued once the transaction has committed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.audit.services import audit_record
from lms.jobs import enqueue_on_commit

from .models import ListingPhoto, ListingVariant, PracticeListing
from .tasks import make_photo_thumbnail

LISTING_FIELDS = (
    "category",
    "subcategory",
    "marketplace",
    "title",
    "description",
    "price",
    "cost_materials",
    "cost_labour",
    "cost_packaging",
    "cost_other",
    "markup_percent",
    "stock",
    "weight_grams",
    "length_cm",
    "width_cm",
    "height_cm",
    "nib",
    "spp_irt_number",
    "bpom_md_number",
    "halal_status",
    "halal_number",
)
MAX_PHOTOS = 9


def _require_editable(actor, listing: PracticeListing) -> None:
    permissions.require(actor, "listing.edit", facility=listing.facility_id, owner=listing.learner_id)
    if not listing.is_editable:
        raise PermissionDenied("listing is not editable in its state")


def listing_save(
    *,
    actor,
    listing: PracticeListing | None,
    data: dict,
    photos: list,
    variants: list[dict] | None = None,
    cover_id: int | None = None,
    remove_ids: list[int] | None = None,
) -> PracticeListing:
    """Create (``listing=None``) or update a listing; ``photos`` are already-cleaned files.

    Fields missing from ``data`` keep their current (or default) value. ``variants`` — dicts with
    ``name``, ``price`` and ``stock`` — replace the listing's variants; ``None`` leaves them alone.
    ``remove_ids`` are photos to delete and ``cover_id`` the photo to show first. More photos than
    ``MAX_PHOTOS`` in all are refused, not silently dropped.
    """
    if listing is None:
        permissions.require(actor, "listing.create", facility=actor.facility_id)
        listing = PracticeListing(learner=actor, facility_id=actor.facility_id)
        action = "listing.create"
    else:
        permissions.require(actor, "listing.edit", facility=listing.facility_id, owner=listing.learner_id)
        action = "listing.edit"
    with transaction.atomic():
        if listing.pk:
            listing = PracticeListing.objects.select_for_update().get(pk=listing.pk)
            if not listing.is_editable:
                raise PermissionDenied("listing is not editable in its state")
        for name in LISTING_FIELDS:
            if name in data:
                setattr(listing, name, _value(name, data[name]))
        listing.full_clean(exclude=["product"])
        listing.save()
        removed = list(listing.photos.filter(pk__in=remove_ids or []))
        for photo in removed:
            photo.delete()
        kept = list(listing.photos.all())
        if len(kept) + len(photos) > MAX_PHOTOS:
            raise ValidationError(
                _("A listing can have up to %(max)d photos; it has %(count)d already.")
                % {"max": MAX_PHOTOS, "count": len(kept)},
                code="too_many_photos",
            )
        new_photos = [
            ListingPhoto.objects.create(listing=listing, image=photo, position=len(kept) + offset)
            for offset, photo in enumerate(photos)
        ]
        ordered = kept + new_photos
        cover = next((p for p in ordered if p.pk == cover_id), None)
        if cover is not None:
            ordered = [cover] + [p for p in ordered if p is not cover]
        for position, photo in enumerate(ordered):
            if photo.position != position:
                photo.position = position
                photo.save(update_fields=["position"])
        if variants is not None:
            _replace_variants(listing, variants)
        audit_record(actor=actor, action=action, target=listing, facility=listing.facility_id)
        for photo in new_photos:
            enqueue_on_commit(make_photo_thumbnail, photo.pk)
        transaction.on_commit(lambda: _delete_files(removed))
    return listing


def _delete_files(photos: list[ListingPhoto]) -> None:
    for photo in photos:
        for file in (photo.image, photo.thumbnail):
            if file:
                file.storage.delete(file.name)


def _value(name: str, value):
    """An empty optional form field (``None``) means the model's default for fields that take no NULL."""
    field = PracticeListing._meta.get_field(name)
    return field.get_default() if value is None and not field.null else value


def _replace_variants(listing: PracticeListing, variants: list[dict]) -> None:
    listing.variants.all().delete()
    for position, item in enumerate(variants):
        variant = ListingVariant(
            listing=listing, name=item["name"].strip(), price=item["price"], stock=item["stock"], position=position
        )
        variant.full_clean(exclude=["listing"], validate_unique=False)
        variant.save()


def listing_photo_delete(*, actor, photo: ListingPhoto) -> None:
    listing = photo.listing
    _require_editable(actor, listing)
    with transaction.atomic():
        photo.delete()
        audit_record(actor=actor, action="listing.photo_delete", target=listing, facility=listing.facility_id)
        transaction.on_commit(lambda: _delete_files([photo]))
