"""Creating and editing a listing with its costs, shipping, legality facts, variants and photos."""

import pytest

from sandbox_shop.models import ListingPhoto, ListingVariant, PracticeListing
from tests.factories import LearnerFactory, ListingFactory, add_photo, jpeg_upload

CREATE_URL = "/toko-latihan/baru/"


def full_data(**overrides) -> dict:
    data = {
        "marketplace": "tiktok_tokopedia",
        "category": "kuliner",
        "subcategory": "keripik",
        "title": "Keripik Singkong Pedas Manis 250 gram",
        "description": "Keripik singkong renyah dengan bumbu pedas manis, digoreng setiap hari di dapur bengkel.",
        "price": "18000",
        "cost_materials": "7000",
        "cost_labour": "3000",
        "cost_packaging": "1500",
        "cost_other": "500",
        "markup_percent": "40",
        "stock": "20",
        "weight_grams": "270",
        "length_cm": "20",
        "width_cm": "12",
        "height_cm": "6",
        "nib": "1234 5678 9012 3",
        "spp_irt_number": "P-IRT 2063271010123-28",
        "bpom_md_number": "",
        "halal_status": "certified",
        "halal_number": "id00110000123450122",
    }
    data.update(overrides)
    return data


def variant_data(*rows) -> dict:
    data = {
        "variants-TOTAL_FORMS": str(len(rows)),
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "20",
    }
    for n, (name, price, stock) in enumerate(rows):
        data.update({f"variants-{n}-name": name, f"variants-{n}-price": price, f"variants-{n}-stock": stock})
    return data


@pytest.fixture
def learner():
    return LearnerFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def nothing_saved():
    return not PracticeListing.objects.exists() and not ListingPhoto.objects.exists()


@pytest.mark.django_db
def test_create_with_every_fact_normalises_the_numbers(learner_client):
    response = learner_client.post(CREATE_URL, {**full_data(), "photos": [jpeg_upload()]})

    assert response.status_code == 302
    listing = PracticeListing.objects.get()
    assert (listing.category, listing.subcategory, listing.marketplace) == ("kuliner", "keripik", "tiktok_tokopedia")
    assert (listing.cost_materials, listing.cost_labour, listing.cost_packaging, listing.cost_other) == (
        7000,
        3000,
        1500,
        500,
    )
    assert listing.hpp == 12000
    assert listing.suggested_price == 17000  # 12000 × 1.4 = 16800 → Rp17.000
    assert listing.margin.amount == 6000
    assert (listing.stock, listing.weight_grams, listing.length_cm, listing.width_cm, listing.height_cm) == (
        20,
        270,
        20,
        12,
        6,
    )
    assert listing.nib == "1234567890123"
    assert listing.spp_irt_number == "206327101012328"
    assert listing.halal_number == "ID00110000123450122"
    assert listing.is_packaged_food


@pytest.mark.django_db
def test_old_style_post_without_new_fields_gets_the_defaults(learner_client):
    data = {
        "category": "kerajinan",
        "title": "Tas Anyaman Pandan 30 cm",
        "description": "Anyaman pandan.",
        "price": "45000",
    }

    response = learner_client.post(CREATE_URL, {**data, "photos": [jpeg_upload()]})

    assert response.status_code == 302
    listing = PracticeListing.objects.get()
    assert (listing.marketplace, listing.stock, listing.markup_percent, listing.hpp) == ("shopee", 1, 40, 0)
    assert listing.weight_grams is None and listing.subcategory == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nib", "12345"),
        ("spp_irt_number", "12345"),
        ("bpom_md_number", "MD 12345"),
        ("halal_number", "ID-1"),
        ("subcategory", "batik"),  # fashion, not food
        ("cost_materials", "-5"),
        ("weight_grams", "berat"),
        ("markup_percent", "900"),
    ],
)
def test_bad_facts_are_refused_on_their_field_and_nothing_is_saved(learner_client, field, value):
    response = learner_client.post(CREATE_URL, {**full_data(**{field: value}), "photos": [jpeg_upload()]})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert nothing_saved()


@pytest.mark.django_db
def test_halal_number_without_certified_status_is_refused(learner_client):
    response = learner_client.post(CREATE_URL, {**full_data(halal_status="self_declare"), "photos": [jpeg_upload()]})

    assert response.status_code == 400
    assert "halal_number" in response.context["form"].errors
    assert nothing_saved()


@pytest.mark.django_db
def test_missing_food_legality_can_be_saved_as_draft_but_not_submitted(learner_client):
    data = full_data(spp_irt_number="", halal_status="", halal_number="")
    learner_client.post(CREATE_URL, {**data, "photos": [jpeg_upload()]})
    listing = PracticeListing.objects.get()

    page = learner_client.get(f"/toko-latihan/{listing.pk}/")
    assert any(f["rule"] == "legality" for f in page.context["check"]["findings"])
    learner_client.post(f"/toko-latihan/{listing.pk}/ajukan/")

    listing.refresh_from_db()
    assert listing.status == PracticeListing.Status.DRAFT


@pytest.mark.django_db
def test_variants_are_saved_with_the_listing(learner_client):
    data = {**full_data(), **variant_data(("Original", "18000", "10"), ("Balado", "19000", "5"), ("", "", ""))}

    response = learner_client.post(CREATE_URL, {**data, "photos": [jpeg_upload()]})

    assert response.status_code == 302
    listing = PracticeListing.objects.get()
    assert [(v.name, v.price, v.stock) for v in listing.variants.all()] == [
        ("Original", 18000, 10),
        ("Balado", 19000, 5),
    ]


@pytest.mark.django_db
def test_editing_replaces_the_variants_and_deleted_rows_go(learner_client, learner):
    listing = ListingFactory(learner=learner)
    add_photo(listing)
    ListingVariant.objects.create(listing=listing, name="Kecil", price=40000, stock=1, position=0)
    data = {
        **full_data(category="kerajinan", subcategory=""),
        **variant_data(("Besar", "50000", "2"), ("Sedang", "45000", "1")),
    }
    data["variants-1-DELETE"] = "on"

    response = learner_client.post(f"/toko-latihan/{listing.pk}/ubah/", data)

    assert response.status_code == 302
    assert [v.name for v in listing.variants.all()] == ["Besar"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rows",
    [
        [("Kecil", "", "1")],
        [("Kecil", "0", "1")],
        [("Kecil", "40000", "1"), ("kecil", "41000", "1")],
    ],
    ids=["no-price", "zero-price", "duplicate"],
)
def test_bad_variants_save_nothing(learner_client, rows):
    response = learner_client.post(CREATE_URL, {**full_data(), **variant_data(*rows), "photos": [jpeg_upload()]})

    assert response.status_code == 400
    assert nothing_saved()
    assert not ListingVariant.objects.exists()


@pytest.mark.django_db
def test_the_learner_chooses_the_cover(learner_client, learner):
    listing = ListingFactory(learner=learner)
    first, second, third = add_photo(listing), add_photo(listing), add_photo(listing)

    response = learner_client.post(
        f"/toko-latihan/{listing.pk}/ubah/", {**full_data(category="kerajinan", subcategory=""), "cover": third.pk}
    )

    assert response.status_code == 302
    assert list(listing.photos.all()) == [third, first, second]
    assert listing.cover == third


@pytest.mark.django_db
def test_photos_can_be_removed_but_not_all_and_not_the_cover(learner_client, learner):
    listing = ListingFactory(learner=learner)
    first, second = add_photo(listing), add_photo(listing)
    url = f"/toko-latihan/{listing.pk}/ubah/"
    base = full_data(category="kerajinan", subcategory="")

    refused = learner_client.post(url, {**base, "remove_photos": [first.pk, second.pk]})
    assert refused.status_code == 400
    assert listing.photos.count() == 2

    refused = learner_client.post(url, {**base, "cover": first.pk, "remove_photos": [first.pk]})
    assert refused.status_code == 400
    assert "cover" in refused.context["form"].errors

    ok = learner_client.post(url, {**base, "cover": second.pk, "remove_photos": [first.pk]})
    assert ok.status_code == 302
    assert list(listing.photos.all()) == [second]


@pytest.mark.django_db
def test_more_than_nine_photos_are_refused_not_dropped(learner_client, learner):
    listing = ListingFactory(learner=learner)
    for _ in range(8):
        add_photo(listing)

    response = learner_client.post(
        f"/toko-latihan/{listing.pk}/ubah/",
        {**full_data(category="kerajinan", subcategory=""), "photos": [jpeg_upload(), jpeg_upload("b.jpg")]},
    )

    assert response.status_code == 400
    assert "photos" in response.context["form"].errors
    assert listing.photos.count() == 8


@pytest.mark.django_db
def test_another_learners_photo_cannot_be_made_cover_or_removed(learner_client, learner):
    listing = ListingFactory(learner=learner)
    add_photo(listing)
    stranger_photo = add_photo(ListingFactory())

    response = learner_client.post(
        f"/toko-latihan/{listing.pk}/ubah/",
        {**full_data(category="kerajinan", subcategory=""), "remove_photos": [stranger_photo.pk]},
    )

    assert response.status_code == 400
    assert ListingPhoto.objects.filter(pk=stranger_photo.pk).exists()


@pytest.mark.django_db
def test_edit_page_shows_the_findings_panel(learner_client, learner):
    listing = ListingFactory(learner=learner, price=1000, cost_materials=5000)
    add_photo(listing)

    response = learner_client.get(f"/toko-latihan/{listing.pk}/ubah/")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="findings"' in content
    assert "js/listing-check.js" in content
    assert f"/toko-latihan/{listing.pk}/periksa/" in content
    assert "price_above_hpp" in {f["rule"] for f in response.context["check"]["findings"]}
