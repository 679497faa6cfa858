"""The live check endpoint: the edit form's fields in, findings and score out, for the owner only."""

import pytest
from django.test import Client

from sandbox_shop.models import PracticeListing
from tests.factories import (
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    add_photo,
)


def fields(**overrides) -> dict:
    data = {
        "marketplace": "shopee",
        "category": "kerajinan",
        "subcategory": "anyaman",
        "title": "Tas Anyaman Pandan 30 cm Tali Kulit",
        "description": "Tas anyaman pandan.",
        "price": "45000",
        "cost_materials": "18000",
        "cost_labour": "10000",
        "cost_packaging": "2000",
        "cost_other": "2000",
        "markup_percent": "40",
        "stock": "3",
    }
    data.update(overrides)
    return data


@pytest.fixture
def learner():
    return LearnerFactory()


@pytest.fixture
def listing(learner):
    listing = ListingFactory(learner=learner)
    add_photo(listing)
    return listing


def rules(response) -> set[str]:
    return {f["rule"] for f in response.json()["findings"]}


@pytest.mark.django_db
def test_owner_gets_findings_score_and_pricing(client, learner, listing):
    client.force_login(learner)

    response = client.post(f"/toko-latihan/{listing.pk}/periksa/", fields())

    assert response.status_code == 200
    body = response.json()
    assert {"score", "blocked", "findings", "pricing"} <= set(body)
    assert body["pricing"] == {"hpp": 32000, "suggested_price": 45000, "margin": 13000}
    assert "description_words" in rules(response)  # "Tas anyaman pandan." is short
    assert "photos_few" in rules(response)  # the saved listing has one photo
    assert "photos_missing" not in rules(response)
    assert body["blocked"] is False
    finding = body["findings"][0]
    assert {"rule", "severity", "severity_label", "message", "field", "lesson", "url"} <= set(finding)


@pytest.mark.django_db
def test_the_check_sees_what_is_typed_not_what_is_saved(client, learner, listing):
    client.force_login(learner)

    response = client.post(
        f"/toko-latihan/{listing.pk}/periksa/", fields(price="30000", title="TAS PANDAN ANYAMAN BESAR")
    )

    assert {"price_above_hpp", "title_all_caps"} <= rules(response)
    assert response.json()["blocked"] is True
    listing.refresh_from_db()
    assert listing.price == 45000  # nothing is saved by the check
    assert not listing.title.isupper()


@pytest.mark.django_db
def test_contact_details_and_food_legality_are_blockers_in_the_live_check(client, learner, listing):
    client.force_login(learner)

    response = client.post(
        f"/toko-latihan/{listing.pk}/periksa/",
        fields(category="kuliner", subcategory="keripik", description="Pesan lewat WA 0812-3456-7890 ya"),
    )

    blockers = {f["rule"] for f in response.json()["findings"] if f["severity"] == "blocker"}
    assert {"contact_details", "legality"} <= blockers


@pytest.mark.django_db
def test_variants_typed_in_the_formset_are_checked(client, learner, listing):
    client.force_login(learner)
    data = fields(
        **{
            "variants-TOTAL_FORMS": "2",
            "variants-INITIAL_FORMS": "0",
            "variants-MIN_NUM_FORMS": "0",
            "variants-MAX_NUM_FORMS": "20",
            "variants-0-name": "Kecil",
            "variants-0-price": "40000",
            "variants-0-stock": "",
            "variants-1-name": "",
            "variants-1-price": "",
            "variants-1-stock": "",
        }
    )

    response = client.post(f"/toko-latihan/{listing.pk}/periksa/", data)

    assert "variants_complete" in rules(response)


@pytest.mark.django_db
def test_a_new_listing_can_be_checked_before_it_is_saved(client, learner):
    client.force_login(learner)

    response = client.post("/toko-latihan/periksa/", fields())

    assert response.status_code == 200
    assert "photos_missing" in rules(response)
    assert not PracticeListing.objects.exists()


@pytest.mark.django_db
def test_another_learner_gets_404(client, listing):
    client.force_login(LearnerFactory(facility=listing.facility))

    assert client.post(f"/toko-latihan/{listing.pk}/periksa/", fields()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("officer_factory", ["facility_admin", "instructor"])
def test_officers_are_refused(client, learner, listing, officer_factory):
    if officer_factory == "instructor":
        officer = InstructorFactory(facility=learner.facility, cohort_learners=[learner])
    else:
        officer = OfficerFactory(facility=learner.facility)
    client.force_login(officer)

    response = client.post(f"/toko-latihan/{listing.pk}/periksa/", fields())

    assert response.status_code == 403
    assert "findings" not in response.json()


@pytest.mark.django_db
def test_anonymous_is_refused(client, listing):
    assert client.post(f"/toko-latihan/{listing.pk}/periksa/", fields()).status_code == 403


@pytest.mark.django_db
def test_get_is_not_allowed(client, learner, listing):
    client.force_login(learner)

    assert client.get(f"/toko-latihan/{listing.pk}/periksa/").status_code == 405


@pytest.mark.django_db
def test_csrf_token_is_required(learner, listing):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    assert client.post(f"/toko-latihan/{listing.pk}/periksa/", fields()).status_code == 403

    client.get(f"/toko-latihan/{listing.pk}/ubah/")
    token = client.cookies["csrftoken"].value
    response = client.post(f"/toko-latihan/{listing.pk}/periksa/", {**fields(), "csrfmiddlewaretoken": token})
    assert response.status_code == 200


@pytest.mark.django_db
def test_officer_of_another_facility_is_refused(client, listing):
    client.force_login(OfficerFactory(facility=FacilityFactory()))

    assert client.post(f"/toko-latihan/{listing.pk}/periksa/", fields()).status_code == 403


@pytest.mark.django_db
def test_photos_chosen_but_not_uploaded_count_without_size_warnings(client, learner):
    client.force_login(learner)

    response = client.post("/toko-latihan/periksa/", {**fields(), "pending_photos": "3"})

    found = rules(response)
    assert not {"photos_missing", "photos_few", "photo_resolution", "cover_ratio"} & found


@pytest.mark.django_db
def test_removed_photos_and_the_chosen_cover_are_checked_as_typed(client, learner, listing):
    wide = add_photo(listing)
    wide.width, wide.height = 1600, 500
    wide.save()
    client.force_login(learner)

    as_cover = client.post(f"/toko-latihan/{listing.pk}/periksa/", {**fields(), "cover": wide.pk})
    other = listing.photos.exclude(pk=wide.pk).get()
    removed = client.post(
        f"/toko-latihan/{listing.pk}/periksa/", {**fields(), "cover": other.pk, "remove_photos": [wide.pk]}
    )

    assert "cover_ratio" in rules(as_cover)
    assert "cover_ratio" not in rules(removed)
    assert "photos_few" in rules(removed)


@pytest.mark.django_db
def test_a_nonsense_pending_count_is_ignored(client, learner):
    client.force_login(learner)

    response = client.post("/toko-latihan/periksa/", {**fields(), "pending_photos": "banyak"})

    assert "photos_missing" in rules(response)
