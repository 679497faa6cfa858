"""listing_save and photo deletion: all or nothing, owner only, files cleaned up after commit."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from sandbox_shop.models import ListingVariant, PracticeListing
from sandbox_shop.photos import photo_thumbnail_create
from sandbox_shop.services import MAX_PHOTOS, listing_photo_delete, listing_save
from tests.conftest import make_image_bytes
from tests.factories import LearnerFactory, ListingFactory, add_photo


def photo_file(n: int = 0) -> ContentFile:
    return ContentFile(make_image_bytes("JPEG", size=(600, 600)), name=f"f{n}.jpg")


@pytest.mark.django_db
def test_seed_style_data_without_the_new_fields_still_saves():
    learner = LearnerFactory()
    data = {"title": "Tas Anyaman Pandan 30 cm", "category": "kerajinan", "price": 45000, "description": "Tas."}

    listing = listing_save(actor=learner, listing=None, data=data, photos=[photo_file()])

    assert (listing.stock, listing.marketplace, listing.hpp, listing.photos.count()) == (1, "shopee", 0, 1)


@pytest.mark.django_db
def test_variants_are_replaced_and_none_leaves_them():
    listing = ListingFactory()
    actor = listing.learner
    listing_save(
        actor=actor,
        listing=listing,
        data={},
        photos=[],
        variants=[{"name": "S", "price": 40000, "stock": 1}, {"name": "M", "price": 42000, "stock": 2}],
    )
    assert [v.name for v in listing.variants.all()] == ["S", "M"]

    listing_save(actor=actor, listing=listing, data={"price": 41000}, photos=[], variants=None)
    assert [v.name for v in listing.variants.all()] == ["S", "M"]

    listing_save(actor=actor, listing=listing, data={}, photos=[], variants=[])
    assert not ListingVariant.objects.exists()


@pytest.mark.django_db
def test_too_many_photos_raise_and_nothing_changes():
    listing = ListingFactory(price=45000)
    for _ in range(MAX_PHOTOS):
        add_photo(listing)

    with pytest.raises(ValidationError) as error:
        listing_save(actor=listing.learner, listing=listing, data={"price": 50000}, photos=[photo_file()])

    assert error.value.code == "too_many_photos"
    listing.refresh_from_db()
    assert listing.price == 45000
    assert listing.photos.count() == MAX_PHOTOS


@pytest.mark.django_db
def test_a_bad_variant_rolls_back_the_whole_save():
    listing = ListingFactory(price=45000)

    with pytest.raises(ValidationError):
        listing_save(
            actor=listing.learner,
            listing=listing,
            data={"price": 50000},
            photos=[],
            variants=[{"name": "S", "price": 0, "stock": 1}],
        )

    listing.refresh_from_db()
    assert listing.price == 45000
    assert not ListingVariant.objects.exists()


@pytest.mark.django_db
def test_another_learner_cannot_save_or_delete_photos():
    listing = ListingFactory()
    photo = add_photo(listing)
    stranger = LearnerFactory(facility=listing.facility)

    with pytest.raises(PermissionDenied):
        listing_save(actor=stranger, listing=listing, data={"price": 1}, photos=[])
    with pytest.raises(PermissionDenied):
        listing_photo_delete(actor=stranger, photo=photo)
    assert listing.photos.count() == 1


@pytest.mark.django_db
def test_a_submitted_listing_cannot_be_saved():
    listing = ListingFactory(status=PracticeListing.Status.SUBMITTED)

    with pytest.raises(PermissionDenied):
        listing_save(actor=listing.learner, listing=listing, data={"price": 1}, photos=[])


@pytest.mark.django_db
def test_deleting_a_photo_removes_its_file_and_thumbnail_after_commit(django_capture_on_commit_callbacks):
    listing = ListingFactory()
    photo = add_photo(listing)
    photo_thumbnail_create(photo_id=photo.pk)
    photo.refresh_from_db()
    files = [Path(photo.image.path), Path(photo.thumbnail.path)]
    assert all(f.exists() for f in files)

    with django_capture_on_commit_callbacks(execute=True):
        listing_photo_delete(actor=listing.learner, photo=photo)

    assert not any(f.exists() for f in files)
    assert not listing.photos.exists()
