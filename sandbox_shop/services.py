"""Writes on a learner's own listing: creating and editing it, with its photos, all or nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lms.accounts import permissions
from lms.audit.services import audit_record

from .models import ListingPhoto, PracticeListing

LISTING_FIELDS = ("category", "title", "description", "price")
MAX_PHOTOS = 9


def listing_save(*, actor, listing: PracticeListing | None, data: dict, photos: list) -> PracticeListing:
    """Create (``listing=None``) or update a listing; ``photos`` are already-cleaned files."""
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
            setattr(listing, name, data[name])
        listing.full_clean(exclude=["product"])
        listing.save()
        start = listing.photos.count()
        for offset, photo in enumerate(photos[: max(0, MAX_PHOTOS - start)]):
            ListingPhoto.objects.create(listing=listing, image=photo, position=start + offset)
        audit_record(actor=actor, action=action, target=listing, facility=listing.facility_id)
    return listing


def listing_photo_delete(*, actor, photo: ListingPhoto) -> None:
    listing = photo.listing
    permissions.require(actor, "listing.edit", facility=listing.facility_id, owner=listing.learner_id)
    if not listing.is_editable:
        raise PermissionDenied("listing is not editable in its state")
    with transaction.atomic():
        photo.delete()
        audit_record(actor=actor, action="listing.photo_delete", target=listing, facility=listing.facility_id)
    transaction.on_commit(lambda: photo.image.storage.delete(photo.image.name))
