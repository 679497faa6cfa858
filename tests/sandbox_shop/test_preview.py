"""The buyer-like preview: a search-result card and a product page at phone width."""

import pytest

from sandbox_shop.models import ListingVariant
from tests.factories import InstructorFactory, LearnerFactory, ListingFactory, add_photo


@pytest.fixture
def learner():
    return LearnerFactory()


@pytest.mark.django_db
def test_detail_page_shows_card_and_product_page_with_facts(client, learner):
    listing = ListingFactory(
        learner=learner,
        category="kuliner",
        subcategory="keripik",
        title="Keripik Singkong Pedas Manis 250 gram",
        weight_grams=270,
        length_cm=20,
        width_cm=12,
        height_cm=6,
        spp_irt_number="206327101012328",
        halal_status="certified",
        halal_number="ID00110000123450122",
    )
    cover = add_photo(listing)
    add_photo(listing)
    ListingVariant.objects.create(listing=listing, name="Original", price=18000, stock=4, position=0)
    ListingVariant.objects.create(listing=listing, name="Balado", price=21000, stock=0, position=1)
    client.force_login(learner)

    content = client.get(f"/toko-latihan/{listing.pk}/").content.decode()

    assert 'class="buyer-card"' in content and 'class="phone buyer-page"' in content
    assert f"/toko-latihan/foto/{cover.pk}/?ukuran=kecil" in content  # the card uses the cover's thumbnail
    assert "Rp18.000 – Rp21.000" in content  # price range of the variants
    assert 'class="sold-out">Balado' in content
    assert "206327101012328" in content and "ID00110000123450122" in content
    assert "20 × 12 × 6 cm" in content and "270 g" in content
    assert 'id="findings"' in content


@pytest.mark.django_db
def test_preview_of_a_listing_without_photos_or_variants(client, learner):
    listing = ListingFactory(learner=learner, price=45000)
    client.force_login(learner)

    response = client.get(f"/toko-latihan/{listing.pk}/")

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('class="nophoto"') == 2
    assert "Rp45.000" in content
    assert 'class="variant-chips"' not in content


@pytest.mark.django_db
def test_officer_review_page_shows_the_preview_and_the_check(client, learner):
    listing = ListingFactory(learner=learner, status="submitted")
    add_photo(listing)
    client.force_login(InstructorFactory(facility=learner.facility, cohort_learners=[learner]))

    response = client.get(f"/petugas/tinjau/{listing.pk}/")

    content = response.content.decode()
    assert 'class="phone buyer-page"' in content
    assert 'id="findings"' in content
    assert response.context["check"]["score"] < 100


@pytest.mark.django_db
def test_the_learner_sees_hpp_suggested_price_and_profit_beside_the_preview(client, learner):
    listing = ListingFactory(learner=learner, price=45000, cost_materials=18000, cost_labour=10000, cost_packaging=4000)
    client.force_login(learner)

    content = client.get(f"/toko-latihan/{listing.pk}/").content.decode()

    assert "Rp32.000" in content and "Rp45.000" in content and "Rp13.000" in content
    assert "28,9%" in content or "28.9%" in content  # decimal comma in Indonesian
