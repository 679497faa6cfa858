"""Promotion: an officer's request (stock, makers), then one product per listing, however the job runs."""

import io
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from PIL import Image
from wagtail.images import get_image_model

from lms.accounts.models import User
from lms.audit.models import AuditEvent
from lms.jobs.models import OutboxMessage
from sandbox_shop import workflow
from sandbox_shop.models import ListingPhoto, ListingVariant, PracticeListing
from sandbox_shop.tasks import promote_listing
from sandbox_shop.workflow import InvalidListingTransition
from store import services
from store.models import InventoryItem, ProductPage, Promotion
from store.services import MakerShare, NewStock, ProductSpec, StoreMissing, product_publish
from tests.factories import (
    FacilityFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    add_photo,
    build_store,
    request_promotion,
)

S = PracticeListing.Status


@pytest.fixture
def facility():
    return FacilityFactory(code="KLD", name="Lapas Kelas IIA Kalianda")


@pytest.fixture
def learner(facility):
    return LearnerFactory(facility=facility, full_name="Siti Rahmawati Lestari", registration_number="BI.2024.0731")


@pytest.fixture
def officer(facility):
    return OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)


@pytest.fixture
def approved(learner):
    listing = ListingFactory(
        learner=learner,
        status=S.APPROVED,
        title="Keripik Pisang Cokelat 250 g",
        category="kuliner",
        subcategory="keripik",
        spp_irt_number="2061801010123",
        halal_status="certified",
        halal_number="ID12345678",
        bpom_md_number="",
        nib="1234567890123",
        weight_grams=280,
        length_cm=20,
        width_cm=12,
        height_cm=6,
    )
    add_photo(listing, color=(200, 40, 40))
    add_photo(listing, color=(40, 200, 40))
    ListingVariant.objects.create(listing=listing, name="Original", price=15000, position=0)
    ListingVariant.objects.create(listing=listing, name="Pedas", price=16000, position=1)
    return listing


def source_key(listing) -> str:
    return f"sandbox_shop.listing:{listing.pk}"


@pytest.mark.django_db
def test_approval_alone_publishes_nothing(facility, officer, approved):
    build_store(facility)

    with pytest.raises(ValidationError):
        promote_listing(approved.pk, officer.pk)

    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert not ProductPage.objects.exists()


@pytest.mark.django_db
def test_request_queues_the_job_once_committed(django_capture_on_commit_callbacks, facility, officer, approved):
    build_store(facility)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_promotion(approved, officer, quantity=25)

    assert callbacks  # the job is sent after the commit, and once:
    assert OutboxMessage.objects.filter(task="sandbox_shop.tasks.promote_listing").count() == 1
    approved.refresh_from_db()
    assert approved.status == S.PROMOTED
    product = approved.product
    assert product.live and product.inventory.quantity == 25
    assert product.inventory.facility == facility
    assert [(m.learner_id, m.share) for m in product.makers.all()] == [(approved.learner_id, 1)]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"inventory.create", "product.promotion_request", "product.publish", "listing.promote"} <= actions


@pytest.mark.django_db
def test_the_product_copies_text_variants_legality_and_shipping(facility, officer, approved):
    build_store(facility)
    request_promotion(approved, officer)

    promote_listing(approved.pk, officer.pk)

    product = ProductPage.objects.get(source_key=source_key(approved))
    assert (product.title, product.description, product.price) == (approved.title, approved.description, 45000)
    assert (product.category, product.subcategory) == ("kuliner", "keripik")
    assert (product.spp_irt_number, product.halal_status, product.halal_number, product.nib) == (
        "2061801010123",
        "certified",
        "ID12345678",
        "1234567890123",
    )
    assert product.bpom_md_number == ""
    assert (product.weight_grams, product.length_cm, product.width_cm, product.height_cm) == (280, 20, 12, 6)
    assert [(v.name, v.price) for v in product.variants.all()] == [("Original", 15000), ("Pedas", 16000)]


@pytest.mark.django_db
def test_promoting_twice_makes_one_product(facility, officer, approved):
    build_store(facility)
    request_promotion(approved, officer)

    first = promote_listing.apply(args=[approved.pk, officer.pk]).get()
    second = promote_listing.apply(args=[approved.pk, officer.pk]).get()

    assert first == second
    products = ProductPage.objects.filter(source_key=source_key(approved))
    assert products.count() == 1
    approved.refresh_from_db()
    assert approved.status == S.PROMOTED
    assert approved.product_id == products.get().pk == first
    assert approved.status_changes.filter(to_status=S.PROMOTED).count() == 1
    assert Promotion.objects.get().product_id == first
    assert AuditEvent.objects.filter(action="product.publish").count() == 1


@pytest.mark.django_db
def test_a_concurrent_run_that_loses_the_race_returns_the_winners_product(facility, officer, approved):
    """Two workers: B has checked "no product yet" when A commits its product; B's insert then hits the
    database's unique source_key, and B returns A's product instead of making a second one."""
    build_store(facility)
    request_promotion(approved, officer)
    real_lookup = services._existing_product
    calls = []

    def lookup_while_the_other_worker_wins(key):
        calls.append(key)
        if len(calls) == 1:  # worker B, before its insert: worker A runs from start to end now
            with mock.patch.object(services, "_existing_product", real_lookup), transaction.atomic():
                winner = workflow.listing_promote(actor=officer, listing_id=approved.pk)
            calls.append(winner.pk)
            return None  # what B saw before A committed
        return real_lookup(key)

    with mock.patch.object(services, "_existing_product", side_effect=lookup_while_the_other_worker_wins):
        loser = product_publish(
            actor=officer, facility=facility, spec=workflow.product_spec(approved), source_key=source_key(approved)
        )

    assert loser.pk == calls[1]
    assert ProductPage.objects.filter(source_key=source_key(approved)).count() == 1
    assert ProductPage.objects.count() == 1
    approved.refresh_from_db()
    assert approved.status == S.PROMOTED and approved.product_id == loser.pk
    assert AuditEvent.objects.filter(action="product.publish").count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_product_for_one_source(facility, officer, approved):
    build_store(facility)
    request_promotion(approved, officer)
    promote_listing(approved.pk, officer.pk)
    spec = ProductSpec(title="Salinan", description="x", price=1, category="kuliner")
    other = product_publish(actor=officer, facility=facility, spec=spec, source_key="uji:lain")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductPage.objects.filter(pk=other.pk).update(source_key=source_key(approved))


@pytest.mark.django_db
def test_a_worker_that_dies_midway_leaves_nothing_and_the_rerun_completes_once(facility, officer, approved):
    build_store(facility)
    request_promotion(approved, officer)
    real_copy = services._copy_photo
    copies = []

    def dies_on_the_second_photo(source, title):
        copies.append(title)
        if len(copies) == 2:
            raise RuntimeError("worker killed")
        return real_copy(source, title)

    with (
        mock.patch.object(services, "_copy_photo", side_effect=dies_on_the_second_photo),
        pytest.raises(RuntimeError),
    ):
        promote_listing(approved.pk, officer.pk)

    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert not ProductPage.objects.exists()
    assert not get_image_model().objects.exists()

    product_id = promote_listing(approved.pk, officer.pk)
    assert promote_listing(approved.pk, officer.pk) == product_id
    assert ProductPage.objects.count() == 1
    assert ProductPage.objects.get().photos.count() == 2
    assert get_image_model().objects.count() == 2
    approved.refresh_from_db()
    assert approved.status == S.PROMOTED
    assert approved.status_changes.filter(to_status=S.PROMOTED).count() == 1


@pytest.mark.django_db
def test_product_publish_with_the_same_source_key_returns_the_same_page(facility, officer):
    build_store(facility)
    spec = ProductSpec(title="Keripik Pisang", description="Renyah.", price=15000, category="kuliner")

    first = product_publish(actor=officer, facility=facility, spec=spec, source_key="uji:1")
    second = product_publish(actor=officer, facility=facility, spec=spec, source_key="uji:1")

    assert first.pk == second.pk
    assert ProductPage.objects.filter(source_key="uji:1").count() == 1


@pytest.mark.django_db
def test_products_with_the_same_title_get_distinct_slugs(facility, officer):
    build_store(facility)
    spec = ProductSpec(title="Keripik Pisang", description="Renyah.", price=15000, category="kuliner")

    first = product_publish(actor=officer, facility=facility, spec=spec, source_key="uji:1")
    second = product_publish(actor=officer, facility=facility, spec=spec, source_key="uji:2")

    assert first.pk != second.pk
    assert first.slug != second.slug


@pytest.mark.django_db
def test_promoted_product_is_public_without_naming_the_learner(client, facility, learner, officer, approved):
    store = build_store(facility)
    request_promotion(approved, officer)

    promote_listing(approved.pk, officer.pk)

    product = ProductPage.objects.get(source_key=source_key(approved))
    assert product.live
    assert product.get_parent().pk == store.pk
    response = client.get(product.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert approved.title in html
    assert "Karya WBP Lapas Kelas IIA Kalianda" in html
    assert learner.full_name not in html
    assert learner.registration_number not in html
    for part in learner.full_name.split():
        assert part not in html


@pytest.mark.django_db
def test_promotion_without_a_store_is_refused_with_a_message(officer, approved):
    with pytest.raises(ValidationError) as error:
        request_promotion(approved, officer)
    assert error.value.code == "store_missing"

    with pytest.raises(ValidationError):
        promote_listing(approved.pk, officer.pk)
    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert not Promotion.objects.exists() and not InventoryItem.objects.exists()


@pytest.mark.django_db
def test_a_store_removed_after_the_request_leaves_the_listing_approved(facility, officer, approved):
    store = build_store(facility)
    request_promotion(approved, officer)
    store.delete()

    with pytest.raises(StoreMissing):
        promote_listing(approved.pk, officer.pk)

    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert approved.product is None
    assert not ProductPage.objects.exists()


def _exif_of(data: bytes):
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif()), image.info.get("exif")


@pytest.mark.django_db
def test_product_photos_are_metadata_free_copies(facility, officer, approved, image_bytes):
    from django.core.files.base import ContentFile

    build_store(facility)
    exif = Image.Exif()
    exif[0x010F] = "KameraLapas"  # Make
    exif[0x9003] = "2026:01:01 10:00:00"
    approved.photos.first().delete()
    first = ListingPhoto.objects.create(
        listing=approved, image=ContentFile(image_bytes(exif=exif.tobytes()), name="exif.jpg"), position=0
    )
    with first.image.open("rb") as original:
        assert _exif_of(original.read())[0]  # the private file does carry EXIF
    request_promotion(approved, officer)

    promote_listing(approved.pk, officer.pk)

    product = ProductPage.objects.get(source_key=source_key(approved))
    photos = list(product.photos.order_by("sort_order"))
    sources = list(approved.photos.all())
    assert len(photos) == len(sources) == 2
    for copied, original in zip(photos, sources, strict=True):
        with copied.image.file.open("rb") as public:
            assert _exif_of(public.read()) == ({}, None)
        assert copied.image.collection.name == "Toko"
        assert (copied.image.width, copied.image.height) == (original.width, original.height)
    assert product.cover.pk == photos[0].image.pk


@pytest.mark.django_db
def test_only_approved_listings_are_promoted(facility, officer, learner):
    build_store(facility)
    submitted = ListingFactory(learner=learner, status=S.SUBMITTED)
    add_photo(submitted)

    with pytest.raises(InvalidListingTransition):
        request_promotion(submitted, officer)
    with pytest.raises(InvalidListingTransition):
        promote_listing(submitted.pk, officer.pk)

    assert not ProductPage.objects.exists() and not Promotion.objects.exists()


# --- the request's checks ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("makers", "code"),
    [
        ("none", "no_makers"),
        ("twice", "duplicate_maker"),
        ("zero_share", "bad_share"),
        ("foreign", "foreign_maker"),
        ("officer", "foreign_maker"),
    ],
)
def test_bad_makers_are_refused_and_nothing_is_saved(facility, officer, approved, makers, code):
    build_store(facility)
    author = approved.learner_id
    cases = {
        "none": [],
        "twice": [MakerShare(author, 1), MakerShare(author, 2)],
        "zero_share": [MakerShare(author, 0)],
        "foreign": [MakerShare(LearnerFactory().pk, 1)],
        "officer": [MakerShare(officer.pk, 1)],
    }
    with pytest.raises(ValidationError) as error:
        workflow.listing_promotion_request(
            actor=officer, listing=approved, makers=cases[makers], new_stock=NewStock(name="x", quantity=1)
        )
    assert error.value.code == code
    assert not Promotion.objects.exists() and not InventoryItem.objects.exists()


@pytest.mark.django_db
def test_several_makers_with_shares(facility, officer, approved):
    build_store(facility)
    second = LearnerFactory(facility=facility)
    request_promotion(approved, officer, makers=[MakerShare(approved.learner_id, 2), MakerShare(second.pk, 1)])

    promote_listing(approved.pk, officer.pk)

    product = ProductPage.objects.get()
    assert [(m.learner_id, m.share) for m in product.makers.all()] == [(approved.learner_id, 2), (second.pk, 1)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stock", "code"),
    [
        (NewStock(name="", quantity=3), "stock_name"),
        (NewStock(name="Batch", quantity=0), "stock_quantity"),
        (NewStock(name="Batch", quantity=3, production_date=__import__("datetime").date(2999, 1, 1)), "stock_date"),
    ],
)
def test_bad_new_stock_is_refused(facility, officer, approved, stock, code):
    build_store(facility)
    with pytest.raises(ValidationError) as error:
        workflow.listing_promotion_request(
            actor=officer, listing=approved, makers=[MakerShare(approved.learner_id)], new_stock=stock
        )
    assert error.value.code == code
    assert not InventoryItem.objects.exists() and not Promotion.objects.exists()


@pytest.mark.django_db
def test_existing_stock_of_the_facility_is_used_and_of_another_is_refused(facility, officer, approved):
    build_store(facility)
    own = InventoryItem.objects.create(facility=facility, name="Keripik batch 3", quantity=40)
    foreign = InventoryItem.objects.create(facility=FacilityFactory(), name="Lain", quantity=5)

    with pytest.raises(ValidationError) as error:
        workflow.listing_promotion_request(
            actor=officer, listing=approved, makers=[MakerShare(approved.learner_id)], inventory=foreign
        )
    assert error.value.code == "foreign_stock"
    workflow.listing_promotion_request(
        actor=officer, listing=approved, makers=[MakerShare(approved.learner_id)], inventory=own
    )
    promote_listing(approved.pk, officer.pk)
    assert ProductPage.objects.get().inventory == own
    assert InventoryItem.objects.count() == 2


@pytest.mark.django_db
def test_officers_of_another_facility_and_learners_cannot_promote(facility, approved):
    build_store(facility)
    for actor in (OfficerFactory(role=User.Role.FACILITY_ADMIN), approved.learner):
        with pytest.raises(PermissionDenied):
            request_promotion(approved, actor)
    assert not Promotion.objects.exists()


# --- later changes ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_product_is_updated_from_the_listing_and_audited(facility, officer, approved):
    build_store(facility)
    request_promotion(approved, officer)
    product_id = promote_listing(approved.pk, officer.pk)
    PracticeListing.objects.filter(pk=approved.pk).update(title="Keripik Pisang Cokelat 500 g", price=52000)
    approved.variants.filter(name="Pedas").update(price=17000)
    approved.variants.filter(name="Original").delete()

    workflow.listing_product_refresh(actor=officer, listing_id=approved.pk)

    product = ProductPage.objects.get(pk=product_id)
    assert (product.title, product.price, product.live) == ("Keripik Pisang Cokelat 500 g", 52000, True)
    assert [(v.name, v.price) for v in product.variants.all()] == [("Pedas", 17000)]
    assert product.photos.count() == 2
    assert ProductPage.objects.count() == 1
    event = AuditEvent.objects.get(action="product.update")
    assert event.actor_id == officer.pk and set(event.data["changed"]) == {"title", "price"}


@pytest.mark.django_db
def test_the_product_is_unpublished_and_audited(client, facility, officer, approved):
    build_store(facility)
    request_promotion(approved, officer)
    product = ProductPage.objects.get(pk=promote_listing(approved.pk, officer.pk))
    url = product.get_url()

    workflow.listing_product_unpublish(actor=officer, listing_id=approved.pk)
    workflow.listing_product_unpublish(actor=officer, listing_id=approved.pk)  # again: nothing more happens

    product.refresh_from_db()
    assert not product.live
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="product.unpublish").count() == 1
    approved.refresh_from_db()
    assert approved.status == S.PROMOTED


@pytest.mark.django_db
def test_refresh_and_unpublish_need_a_promoted_listing(facility, officer, approved):
    with pytest.raises(ValidationError):
        workflow.listing_product_refresh(actor=officer, listing_id=approved.pk)
    with pytest.raises(ValidationError):
        workflow.listing_product_unpublish(actor=officer, listing_id=approved.pk)
