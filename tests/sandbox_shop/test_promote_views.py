"""The officer's promote page: stock and makers in, a product in the store out; later update and unpublish."""

import pytest

from sandbox_shop.models import PracticeListing
from store.models import InventoryItem, ProductPage, Promotion
from tests.factories import (
    AdminFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    ListingFactory,
    add_photo,
    build_store,
    request_promotion,
)

S = PracticeListing.Status


@pytest.fixture
def facility():
    return FacilityFactory(code="KLD", name="Lapas Kelas IIA Kalianda")


@pytest.fixture
def admin(facility):
    return AdminFactory(facility=facility)


@pytest.fixture
def listing(facility):
    listing = ListingFactory(learner=LearnerFactory(facility=facility), status=S.APPROVED, stock=6)
    add_photo(listing)
    build_store(facility)
    return listing


def url(listing) -> str:
    return f"/petugas/promosi/{listing.pk}/"


def form_data(listing, **changes):
    data = {
        "stock_source": "new",
        "stock_name": listing.title,
        "batch_code": "TAS-07",
        "quantity": "15",
        "production_date": "2026-11-20",
        "unit_cost": "21000",
        "maker_0": str(listing.learner_id),
        "share_0": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_the_page_suggests_the_author_and_the_listings_stock(client, admin, listing):
    client.force_login(admin)

    response = client.get(url(listing))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["maker_0"].value() == str(listing.learner_id)
    assert form["quantity"].value() == 6
    assert form["stock_name"].value() == listing.title


@pytest.mark.django_db
def test_posting_creates_the_stock_and_publishes(client, admin, listing, django_capture_on_commit_callbacks):
    second = LearnerFactory(facility=listing.facility)
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(listing), form_data(listing, maker_1=str(second.pk), share_1="2"))

    assert response.status_code == 302
    item = InventoryItem.objects.get()
    assert (item.quantity, item.batch_code, str(item.production_date), item.unit_cost) == (
        15,
        "TAS-07",
        "2026-11-20",
        21000,
    )
    listing.refresh_from_db()
    assert listing.status == S.PROMOTED
    product = listing.product
    assert product.inventory == item
    assert [(m.learner_id, m.share) for m in product.makers.all()] == [(listing.learner_id, 1), (second.pk, 2)]
    page = client.get(url(listing)).content.decode()
    assert product.url in page  # the page now offers update and unpublish


@pytest.mark.django_db
def test_existing_stock_can_be_chosen(client, admin, listing, django_capture_on_commit_callbacks):
    item = InventoryItem.objects.create(facility=listing.facility, name="Tas batch 2", quantity=30)
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(listing), form_data(listing, stock_source="existing", inventory=str(item.pk)))

    assert ProductPage.objects.get().inventory == item
    assert InventoryItem.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"maker_0": ""}, "Sebutkan minimal satu pembuat."),
        ({"quantity": ""}, "Isi berapa barang dalam batch ini."),
        ({"stock_source": "existing"}, "Pilih stoknya."),
        ({"production_date": "2999-01-01"}, "Tanggal produksi tidak boleh di masa depan."),
        ({"maker_1": "same", "share_1": "1"}, "Setiap pembuat hanya boleh disebut sekali."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, admin, listing, changes, message):
    if changes.get("maker_1") == "same":
        changes["maker_1"] = str(listing.learner_id)
    client.force_login(admin)

    response = client.post(url(listing), form_data(listing, **changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Promotion.objects.exists() and not InventoryItem.objects.exists()
    listing.refresh_from_db()
    assert listing.status == S.APPROVED


@pytest.mark.django_db
def test_a_listing_not_yet_approved_cannot_be_promoted(client, admin, listing):
    PracticeListing.objects.filter(pk=listing.pk).update(status=S.SUBMITTED)
    client.force_login(admin)

    response = client.post(url(listing), form_data(listing))

    assert "Hanya listing yang sudah disetujui" in response.content.decode()
    assert not Promotion.objects.exists()


@pytest.mark.django_db
def test_an_instructor_who_does_not_teach_the_author_cannot_see_it(client, listing):
    client.force_login(InstructorFactory(facility=listing.facility))

    assert client.get(url(listing)).status_code == 404


@pytest.mark.django_db
def test_update_and_unpublish_buttons(client, admin, listing):
    request_promotion(listing, admin)
    from sandbox_shop.tasks import promote_listing

    product = ProductPage.objects.get(pk=promote_listing(listing.pk, admin.pk))
    PracticeListing.objects.filter(pk=listing.pk).update(price=47000)
    client.force_login(admin)

    assert client.post(url(listing) + "perbarui/").status_code == 302
    product.refresh_from_db()
    assert product.price == 47000
    assert client.post(url(listing) + "turunkan/").status_code == 302
    product.refresh_from_db()
    assert not product.live


@pytest.mark.django_db
def test_the_review_page_links_to_the_promote_page(client, admin, listing):
    client.force_login(admin)

    html = client.get(f"/petugas/tinjau/{listing.pk}/").content.decode()

    assert f'href="{url(listing)}"' in html
