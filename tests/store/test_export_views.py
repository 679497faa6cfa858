"""The officers' marketplace export page."""

import io

import pytest
from openpyxl import load_workbook

from lms.accounts.models import User
from tests.factories import OfficerFactory


@pytest.mark.django_db
def test_the_admin_sees_each_products_problems_and_downloads_the_chosen_ones(client, make_product, kld_admin):
    good = make_product(title="Tas Pandan")
    other = make_product(title="Tas Rotan")
    no_weight = make_product(title="Tas Tanpa Berat", weight_grams=None)
    client.force_login(kld_admin)

    page = client.get("/petugas/toko/KLD/ekspor/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tas Rotan" in html and "Berat belum diisi." in html

    response = client.post("/petugas/toko/KLD/ekspor/", {"format": "shopee", "products": [good.pk, no_weight.pk]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="shopee-KLD-' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert [row[1].value for row in book["Produk"].iter_rows(min_row=2)] == ["Tas Pandan"]
    assert [row[0].value for row in book["Tidak diekspor"].iter_rows(min_row=2)] == ["Tas Tanpa Berat"]
    assert other.title not in [row[1].value for row in book["Produk"].iter_rows()]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [({"format": "shopee"}, "Pilih minimal satu produk."), ({"format": "lazada", "products": ["1"]}, "Pilih Shopee")],
)
def test_bad_choices_get_a_message(client, make_product, kld_admin, data, message):
    make_product()
    client.force_login(kld_admin)

    response = client.post("/petugas/toko/KLD/ekspor/", data)

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.django_db
def test_products_of_another_facility_cannot_be_slipped_in(client, make_product, kld_admin):
    from store.models import ProductPage
    from store.services import ProductSpec, product_publish
    from tests.factories import FacilityFactory, build_store

    make_product(title="Tas Pandan")
    elsewhere = FacilityFactory(code="LAIN")
    build_store(elsewhere)
    spec = ProductSpec(title="Milik Lain", description="x", price=1000, category="lainnya", weight_grams=100)
    foreign = product_publish(actor=None, facility=elsewhere, spec=spec, source_key="uji:lain")
    client.force_login(kld_admin)

    response = client.post("/petugas/toko/KLD/ekspor/", {"format": "tiktok", "products": [foreign.pk]})

    assert response.status_code == 400  # nothing of KLD's was chosen
    assert ProductPage.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
def test_instructors_may_not_export(client, make_product, kld):
    make_product()
    client.force_login(OfficerFactory(role=User.Role.INSTRUCTOR, facility=kld))

    assert client.get("/petugas/toko/KLD/ekspor/").status_code == 403
