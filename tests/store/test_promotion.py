import pytest
from wagtail.images import get_image_model

from lms.accounts.models import User
from sandbox_shop.models import PracticeListing
from sandbox_shop.tasks import promote_listing
from sandbox_shop.workflow import InvalidListingTransition
from store.models import ProductPage
from store.services import ProductSpec, StoreMissing, product_publish
from tests.factories import FacilityFactory, LearnerFactory, ListingFactory, OfficerFactory, add_photo, build_store

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
    listing = ListingFactory(learner=learner, status=S.APPROVED, title="Tas Anyaman Pandan 30 cm")
    add_photo(listing, color=(200, 40, 40))
    add_photo(listing, color=(40, 200, 40))
    return listing


def source_key(listing) -> str:
    return f"sandbox_shop.listing:{listing.pk}"


@pytest.mark.django_db
def test_promoting_twice_makes_one_product(facility, officer, approved):
    build_store(facility)

    first = promote_listing.apply(args=[approved.pk, officer.pk]).get()
    second = promote_listing.apply(args=[approved.pk, officer.pk]).get()

    assert first == second
    products = ProductPage.objects.filter(source_key=source_key(approved))
    assert products.count() == 1
    approved.refresh_from_db()
    assert approved.status == S.PROMOTED
    assert approved.product_id == products.get().pk == first
    assert approved.status_changes.filter(to_status=S.PROMOTED).count() == 1


@pytest.mark.django_db
def test_promotion_task_called_directly_is_idempotent_too(facility, officer, approved):
    build_store(facility)

    assert promote_listing(approved.pk, officer.pk) == promote_listing(approved.pk, officer.pk)
    assert ProductPage.objects.count() == 1


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

    promote_listing(approved.pk, officer.pk)

    product = ProductPage.objects.get(source_key=source_key(approved))
    assert product.live
    assert product.get_parent().pk == store.pk
    assert (product.title, product.price, product.category) == (approved.title, approved.price, approved.category)
    response = client.get(product.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert approved.title in html
    assert facility.name in html  # the maker line names the facility ("Lapas ...")
    assert "Lapas" in html
    assert learner.full_name not in html
    assert learner.registration_number not in html
    for part in learner.full_name.split():
        assert part not in html


@pytest.mark.django_db
def test_promotion_without_a_store_leaves_the_listing_approved(officer, approved):
    with pytest.raises(StoreMissing):
        promote_listing(approved.pk, officer.pk)

    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert approved.product is None
    assert not ProductPage.objects.exists()
    assert not approved.status_changes.exists()


@pytest.mark.django_db
def test_product_photos_are_copied_into_wagtail_images(facility, officer, approved):
    build_store(facility)

    promote_listing(approved.pk, officer.pk)

    product = ProductPage.objects.get(source_key=source_key(approved))
    photos = list(product.photos.order_by("sort_order"))
    sources = list(approved.photos.all())
    assert len(photos) == len(sources) == 2
    assert get_image_model().objects.count() == 2
    for copied, original in zip(photos, sources, strict=True):
        with copied.image.file.open("rb") as public, original.image.open("rb") as private:
            assert public.read() == private.read()
        assert copied.image.collection.name == "Toko"
        assert (copied.image.width, copied.image.height) == (original.width, original.height)
    assert product.cover.pk == photos[0].image.pk


@pytest.mark.django_db
def test_only_approved_listings_are_promoted(facility, officer, learner):
    build_store(facility)
    submitted = ListingFactory(learner=learner, status=S.SUBMITTED)
    add_photo(submitted)

    with pytest.raises(InvalidListingTransition):
        promote_listing(submitted.pk, officer.pk)

    assert not ProductPage.objects.exists()
