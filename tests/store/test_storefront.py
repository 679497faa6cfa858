"""The public store: directory, a facility's shop window with filter and search, the product page."""

import pytest

from store.models import InventoryItem, StoreIndexPage


@pytest.mark.django_db
def test_the_facility_store_filters_by_category_and_searches(client, make_product, django_assert_max_num_queries):
    make_product(title="Tas Anyaman Pandan")
    make_product(title="Keripik Pisang", category="kuliner", description="Renyah dan manis.")
    make_product(title="Kopi Robusta", category="kuliner", description="Bubuk kopi, bukan keripik.")
    store = StoreIndexPage.objects.get()

    def titles(query: str) -> list[str]:
        html = client.get(store.url + query).content.decode()
        return [t for t in ("Tas Anyaman Pandan", "Keripik Pisang", "Kopi Robusta") if t in html]

    assert titles("") == ["Tas Anyaman Pandan", "Keripik Pisang", "Kopi Robusta"]
    assert titles("?kategori=kuliner") == ["Keripik Pisang", "Kopi Robusta"]
    assert titles("?q=keripik") == ["Keripik Pisang", "Kopi Robusta"]  # title or description
    assert titles("?q=keripik&kategori=kerajinan") == []
    assert titles("?kategori=tidak-ada") == ["Tas Anyaman Pandan", "Keripik Pisang", "Kopi Robusta"]
    assert "Tidak ada produk yang cocok dengan “sepatu”." in client.get(store.url + "?q=sepatu").content.decode()
    with django_assert_max_num_queries(25):  # the cards' photos, stock and variants are fetched together
        assert client.get(store.url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("quantity", "reserved", "shown"), [(20, 0, "Tersedia"), (8, 4, "Tinggal 4"), (3, 3, "Habis"), (0, 0, "Habis")]
)
def test_the_product_page_shows_the_stock_state(client, make_product, quantity, reserved, shown):
    product = make_product(quantity=quantity, reserved=reserved)

    html = client.get(product.url).content.decode()

    assert shown in html
    assert product.stock_state == {"Tersedia": "available", "Tinggal 4": "low", "Habis": "sold_out"}[shown]


@pytest.mark.django_db
def test_a_variants_own_stock_counts(make_product, kld):
    product = make_product(quantity=0, variants=[("Besar", 60000)])
    variant = product.variants.get()
    variant.inventory = InventoryItem.objects.create(facility=kld, name="Besar", quantity=9)
    variant.save()

    assert product.available == 9 and product.stock_state == "available"


@pytest.mark.django_db
def test_the_product_page_shows_price_badges_maker_line_and_marketplaces(client, make_product):
    product = make_product(
        title="Keripik Pisang",
        category="kuliner",
        spp_irt_number="2061801010123",
        bpom_md_number="123456789012",
        halal_status="certified",
        halal_number="ID12345678",
        variants=[("Original", 15000)],
        nib="9120301234567",
    )
    StoreIndexPage.objects.update(shopee_url="https://shopee.co.id/lapaskalianda")

    html = client.get(product.url).content.decode()

    assert "Rp45.000" in html or "Rp 45.000" in html
    assert "SPP-IRT 2061801010123" in html
    assert "BPOM MD 123456789012" in html
    assert "Halal ID12345678" in html
    assert "Karya WBP Lapas Kelas IIA Kalianda" in html
    assert 'href="https://shopee.co.id/lapaskalianda"' in html
    assert "Tokopedia" not in html
    assert "Original" in html
    assert "30 × 10 × 25 cm" in html and "NIB 9120301234567" in html


@pytest.mark.django_db
def test_no_badges_without_permits_and_self_declared_halal_is_not_a_badge(client, make_product):
    product = make_product(halal_status="self_declare")

    html = client.get(product.url).content.decode()

    assert 'class="legality"' not in html


@pytest.mark.django_db
def test_the_directory_lists_every_store_with_its_product_count(client, make_product):
    from tests.factories import FacilityFactory, build_store

    make_product()
    make_product(title="Tas Rotan")
    build_store(FacilityFactory(code="TNG", name="Rutan Kelas I Tangerang"))

    html = client.get("/toko/").content.decode()

    assert "Lapas Kelas IIA Kalianda" in html and "Rutan Kelas I Tangerang" in html
    assert "2 produk" in html and "0 produk" in html
