"""Marketplace mass-upload files: the store's products as Shopee and TikTok Shop/Tokopedia XLSX sheets.

A product that breaks the marketplace's limits (``settings.MARKETPLACE_EXPORT_LIMITS``) is not
written as a product row; it is listed with the reason, on the page and on the file's second sheet,
so the officer fixes it instead of finding out from the marketplace's upload report. Photo
addresses are absolute (``settings.SITE_URL``) because the marketplace fetches them itself.
A product with variants is one row per variant, the product's facts repeated and tied together by
its parent SKU, as both templates expect.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import ProductPage

FORMATS = ("shopee", "tiktok")
VARIANT_NAME = "Varian"  # the variation's name in the sheet: the templates are Indonesian
PHOTO_COLUMNS = 8  # besides the cover

# Marketplace category names for the store's categories (the seller picks the exact leaf on upload).
CATEGORY_NAMES = {
    "shopee": {
        "kerajinan": "Hobi & Koleksi",
        "kuliner": "Makanan & Minuman",
        "fashion": "Pakaian Wanita",
        "lainnya": "Perlengkapan Rumah",
    },
    "tiktok": {
        "kerajinan": "Koleksi & Hobi",
        "kuliner": "Makanan & Minuman",
        "fashion": "Pakaian & Pakaian Dalam Wanita",
        "lainnya": "Perlengkapan Rumah",
    },
}

SHOPEE_COLUMNS = [
    "Kategori",
    "Nama Produk",
    "Deskripsi Produk",
    "SKU Induk",
    "Kode Integrasi Variasi",
    "Nama Variasi 1",
    "Varian untuk Variasi 1",
    "Harga",
    "Stok",
    "Kode Variasi",
    "Foto Sampul",
    *[f"Foto Produk {n}" for n in range(1, PHOTO_COLUMNS + 1)],
    "Berat",
    "Panjang",
    "Lebar",
    "Tinggi",
]
TIKTOK_COLUMNS = [
    "Kategori",
    "Nama Produk",
    "Deskripsi Produk",
    "SKU Induk",
    "Nama Variasi",
    "Nilai Variasi",
    "Harga (Rp)",
    "Stok",
    "SKU Penjual",
    "Gambar Utama",
    *[f"Gambar {n}" for n in range(2, PHOTO_COLUMNS + 2)],
    "Berat Paket (g)",
    "Panjang Paket (cm)",
    "Lebar Paket (cm)",
    "Tinggi Paket (cm)",
    "Kondisi",
]


@dataclass(frozen=True)
class Skipped:
    product: ProductPage
    reasons: list[str]


@dataclass
class Export:
    format: str
    rows: list[list]
    exported: list[ProductPage]
    skipped: list[Skipped]

    def xlsx(self) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Produk"
        sheet.append(columns(self.format))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in self.rows:
            sheet.append(row)
        skipped = workbook.create_sheet("Tidak diekspor")
        skipped.append(["Nama Produk", "SKU Induk", "Alasan"])
        for item in self.skipped:
            skipped.append([item.product.title, item.product.sku, "; ".join(item.reasons)])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


def columns(fmt: str) -> list[str]:
    return SHOPEE_COLUMNS if fmt == "shopee" else TIKTOK_COLUMNS


def photo_urls(product: ProductPage) -> list[str]:
    return [settings.SITE_URL + photo.image.file.url for photo in product.photos.all()]


def problems(product: ProductPage, fmt: str) -> list[str]:
    """Why ``product`` cannot go to marketplace ``fmt`` (empty when it can)."""
    limits = settings.MARKETPLACE_EXPORT_LIMITS[fmt]
    found = []
    if len(product.title) > limits["title_max_chars"]:
        found.append(
            _("The name has %(count)s characters; at most %(max)s are allowed.")
            % {"count": len(product.title), "max": limits["title_max_chars"]}
        )
    if len(product.description) > limits["description_max_chars"]:
        found.append(
            _("The description has %(count)s characters; at most %(max)s are allowed.")
            % {"count": len(product.description), "max": limits["description_max_chars"]}
        )
    count = len(product.photos.all())
    if count < limits["photos_min"]:
        found.append(_("It has no photo."))
    elif count > limits["photos_max"]:
        found.append(
            _("It has %(count)s photos; at most %(max)s are allowed.") % {"count": count, "max": limits["photos_max"]}
        )
    if not product.weight_grams:
        found.append(_("The weight is missing."))
    return found


def _variant_lines(product: ProductPage) -> list[tuple[str, int, int, str]]:
    """(variant name, price, stock, variant SKU) per row; one row without a name when there are none."""
    variants = list(product.variants.all())
    if not variants:
        return [("", product.price, max(product.available, 0), "")]
    lines = []
    for index, variant in enumerate(variants, start=1):
        item = variant.inventory if variant.inventory_id else product.inventory
        stock = item.available if item else 0
        lines.append((variant.name, variant.price, max(stock, 0), f"{product.sku}-{index}"))
    return lines


def _shopee_rows(product: ProductPage) -> list[list]:
    photos = photo_urls(product)
    cover, rest = (photos[0] if photos else ""), photos[1 : PHOTO_COLUMNS + 1]
    rest = rest + [""] * (PHOTO_COLUMNS - len(rest))
    has_variants = product.variants.exists()
    rows = []
    for name, price, stock, variant_sku in _variant_lines(product):
        rows.append(
            [
                CATEGORY_NAMES["shopee"].get(product.category, ""),
                product.title,
                product.description,
                product.sku,
                product.sku if has_variants else "",
                VARIANT_NAME if has_variants else "",
                name,
                price,
                stock,
                variant_sku,
                cover,
                *rest,
                product.weight_grams,
                product.length_cm,
                product.width_cm,
                product.height_cm,
            ]
        )
    return rows


def _tiktok_rows(product: ProductPage) -> list[list]:
    photos = photo_urls(product)[: PHOTO_COLUMNS + 1]
    photos = photos + [""] * (PHOTO_COLUMNS + 1 - len(photos))
    has_variants = product.variants.exists()
    rows = []
    for name, price, stock, variant_sku in _variant_lines(product):
        rows.append(
            [
                CATEGORY_NAMES["tiktok"].get(product.category, ""),
                product.title,
                product.description,
                product.sku,
                VARIANT_NAME if has_variants else "",
                name,
                price,
                stock,
                variant_sku or product.sku,
                *photos,
                product.weight_grams,
                product.length_cm,
                product.width_cm,
                product.height_cm,
                "Baru",
            ]
        )
    return rows


def marketplace_export(*, products, fmt: str) -> Export:
    """The mass-upload rows for ``products`` (already limited to what the asker may see)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    build = _shopee_rows if fmt == "shopee" else _tiktok_rows
    export = Export(format=fmt, rows=[], exported=[], skipped=[])
    for product in products:
        reasons = problems(product, fmt)
        if reasons:
            export.skipped.append(Skipped(product, reasons))
            continue
        export.rows.extend(build(product))
        export.exported.append(product)
    return export
