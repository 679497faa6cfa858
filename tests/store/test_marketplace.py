"""Marketplace mass-upload files, opened again with openpyxl and read cell by cell."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from store import marketplace
from store.models import InventoryItem, ProductVariant
from store.selectors import facility_products

SITE = "https://toko.bekal.test"


def read(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return [list(row) for row in book["Produk"].iter_rows(values_only=True)], [
        list(row) for row in book["Tidak diekspor"].iter_rows(values_only=True)
    ]


def cell(header, row, name):
    return row[header.index(name)]


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.mark.django_db
def test_shopee_file_has_the_template_columns_and_one_row_per_product(make_product):
    product = make_product(title="Tas Anyaman Pandan 30 cm", photos=3, quantity=7, reserved=2)

    export = marketplace.marketplace_export(products=list(facility_products(facility=product.facility)), fmt="shopee")
    rows, skipped = read(export.xlsx())

    header = rows[0]
    assert header[:4] == ["Kategori", "Nama Produk", "Deskripsi Produk", "SKU Induk"]
    for name in ["Harga", "Stok", "Foto Sampul", *[f"Foto Produk {n}" for n in range(1, 9)]]:
        assert name in header
    assert header[-4:] == ["Berat", "Panjang", "Lebar", "Tinggi"]
    assert {"Nama Variasi 1", "Varian untuk Variasi 1", "Kode Integrasi Variasi", "Kode Variasi"} <= set(header)
    assert len(rows) == 2
    row = rows[1]
    assert cell(header, row, "Kategori") == "Hobi & Koleksi"
    assert cell(header, row, "Nama Produk") == "Tas Anyaman Pandan 30 cm"
    assert cell(header, row, "Deskripsi Produk") == "Tas anyaman pandan buatan tangan."
    assert cell(header, row, "SKU Induk") == f"KLD-{product.pk:05d}"
    assert cell(header, row, "Harga") == 45000
    assert cell(header, row, "Stok") == 5  # quantity minus what orders hold
    photos = [photo.image.file.url for photo in product.photos.all()]
    assert cell(header, row, "Foto Sampul") == SITE + photos[0]
    assert cell(header, row, "Foto Produk 1") == SITE + photos[1]
    assert cell(header, row, "Foto Produk 2") == SITE + photos[2]
    assert cell(header, row, "Foto Produk 3") is None
    assert cell(header, row, "Nama Variasi 1") is None
    assert [cell(header, row, name) for name in ("Berat", "Panjang", "Lebar", "Tinggi")] == [400, 30, 10, 25]
    assert skipped == [["Nama Produk", "SKU Induk", "Alasan"]]


@pytest.mark.django_db
def test_variants_are_one_row_each_tied_by_the_parent_sku(make_product, kld):
    product = make_product(
        title="Keripik Pisang 250 g", category="kuliner", variants=[("Original", 15000), ("Pedas", 16000)]
    )
    own = InventoryItem.objects.create(facility=kld, name="Pedas batch", quantity=3)
    ProductVariant.objects.filter(page=product, name="Pedas").update(inventory=own)

    rows, _ = read(marketplace.marketplace_export(products=[product], fmt="shopee").xlsx())

    header, lines = rows[0], rows[1:]
    assert [cell(header, r, "Varian untuk Variasi 1") for r in lines] == ["Original", "Pedas"]
    assert [cell(header, r, "Harga") for r in lines] == [15000, 16000]
    assert [cell(header, r, "Stok") for r in lines] == [10, 3]  # the product's stock, the variant's own
    assert {cell(header, r, "Nama Variasi 1") for r in lines} == {"Varian"}
    assert {cell(header, r, "SKU Induk") for r in lines} == {product.sku}
    assert {cell(header, r, "Kode Integrasi Variasi") for r in lines} == {product.sku}
    assert [cell(header, r, "Kode Variasi") for r in lines] == [f"{product.sku}-1", f"{product.sku}-2"]
    assert {cell(header, r, "Kategori") for r in lines} == {"Makanan & Minuman"}


@pytest.mark.django_db
def test_tiktok_file(make_product):
    product = make_product(photos=2)

    rows, skipped = read(marketplace.marketplace_export(products=[product], fmt="tiktok").xlsx())

    header, row = rows
    assert header[:4] == ["Kategori", "Nama Produk", "Deskripsi Produk", "SKU Induk"]
    assert header[-1] == "Kondisi"
    photos = [SITE + photo.image.file.url for photo in product.photos.all()]
    assert (cell(header, row, "Gambar Utama"), cell(header, row, "Gambar 2"), cell(header, row, "Gambar 3")) == (
        photos[0],
        photos[1],
        None,
    )
    assert cell(header, row, "Harga (Rp)") == 45000
    assert cell(header, row, "Stok") == 10
    assert cell(header, row, "SKU Penjual") == product.sku
    assert cell(header, row, "Berat Paket (g)") == 400
    assert cell(header, row, "Kondisi") == "Baru"
    assert len(skipped) == 1


@pytest.mark.django_db
def test_products_over_the_limits_are_listed_with_the_reason(make_product, settings):
    settings.MARKETPLACE_EXPORT_LIMITS = {
        "shopee": {"title_max_chars": 30, "description_max_chars": 40, "photos_max": 2, "photos_min": 1},
        "tiktok": {"title_max_chars": 255, "description_max_chars": 10000, "photos_max": 9, "photos_min": 1},
    }
    good = make_product(title="Tas Pandan")
    long_title = make_product(title="Tas Anyaman Pandan Besar Warna Alami 40 cm")
    no_photo = make_product(title="Tas Tanpa Foto", photos=0)
    too_many = make_product(title="Tas Banyak Foto", photos=3)
    no_weight = make_product(title="Tas Tanpa Berat", weight_grams=None)
    long_text = make_product(title="Tas Deskripsi Panjang", description="x" * 41)

    export = marketplace.marketplace_export(
        products=[good, long_title, no_photo, too_many, no_weight, long_text], fmt="shopee"
    )
    rows, skipped = read(export.xlsx())

    assert [r[1] for r in rows[1:]] == ["Tas Pandan"]
    reasons = {r[0]: r[2] for r in skipped[1:]}
    assert reasons == {
        long_title.title: "Nama berisi 42 karakter; paling banyak 30.",
        no_photo.title: "Belum ada foto.",
        too_many.title: "Ada 3 foto; paling banyak 2.",
        no_weight.title: "Berat belum diisi.",
        long_text.title: "Deskripsi berisi 41 karakter; paling banyak 40.",
    }
    assert [r[1] for r in skipped[1:]] == [p.sku for p in (long_title, no_photo, too_many, no_weight, long_text)]
    tiktok = marketplace.marketplace_export(products=[long_title], fmt="tiktok")
    assert tiktok.skipped == [] and len(tiktok.rows) == 1  # the limits are per marketplace


@pytest.mark.django_db
def test_the_command_writes_the_file(make_product, kld, tmp_path, capsys):
    make_product(title="Tas Pandan")
    make_product(title="Tas Tanpa Berat", weight_grams=None)
    output = tmp_path / "shopee.xlsx"

    call_command("export_marketplace", str(output), facility="KLD", format="shopee")

    rows, skipped = read(output.read_bytes())
    assert [r[1] for r in rows[1:]] == ["Tas Pandan"]
    assert [r[0] for r in skipped[1:]] == ["Tas Tanpa Berat"]
    captured = capsys.readouterr()
    assert "1 products" in captured.out and "Tas Tanpa Berat" in captured.err


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_facility(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("export_marketplace", str(tmp_path / "x.xlsx"), facility="NOPE", format="tiktok")
    assert not (tmp_path / "x.xlsx").exists()
