"""Product categories, their subcategories, and the legality facts each one needs.

The rule: packaged food — anything in the "kuliner" category, or a subcategory flagged as packaged
food in another category (e.g. food hampers) — needs a home-industry permit (SPP-IRT) or a BPOM MD
registration, and a halal status; a certified halal status also needs its certificate number.
Crafts, fashion and other goods need none of these (a NIB is always welcome but never required).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Subcategory:
    code: str
    category: str
    label: str
    packaged_food: bool = False


SUBCATEGORIES = [
    Subcategory("anyaman", "kerajinan", _("Woven goods")),
    Subcategory("kayu", "kerajinan", _("Woodwork")),
    Subcategory("rajutan", "kerajinan", _("Knitting and crochet")),
    Subcategory("lukisan", "kerajinan", _("Paintings and prints")),
    Subcategory("kerajinan_lain", "kerajinan", _("Other crafts")),
    Subcategory("kue_kering", "kuliner", _("Cookies and cakes"), packaged_food=True),
    Subcategory("keripik", "kuliner", _("Chips and snacks"), packaged_food=True),
    Subcategory("sambal_bumbu", "kuliner", _("Sambal and spices"), packaged_food=True),
    Subcategory("minuman", "kuliner", _("Drinks"), packaged_food=True),
    Subcategory("kuliner_lain", "kuliner", _("Other food"), packaged_food=True),
    Subcategory("batik", "fashion", _("Batik")),
    Subcategory("pakaian", "fashion", _("Clothing")),
    Subcategory("tas_dompet", "fashion", _("Bags and wallets")),
    Subcategory("aksesori", "fashion", _("Accessories")),
    Subcategory("alas_kaki", "fashion", _("Footwear")),
    Subcategory("hampers_makanan", "lainnya", _("Food hampers (packaged food)"), packaged_food=True),
    Subcategory("perlengkapan_rumah", "lainnya", _("Household goods")),
    Subcategory("barang_lain", "lainnya", _("Other goods")),
]
BY_CODE = {sub.code: sub for sub in SUBCATEGORIES}
SUBCATEGORY_CHOICES = [(sub.code, sub.label) for sub in SUBCATEGORIES]


def subcategory_fits(category: str, subcategory: str) -> bool:
    return not subcategory or (subcategory in BY_CODE and BY_CODE[subcategory].category == category)


def is_packaged_food(category: str, subcategory: str = "") -> bool:
    sub = BY_CODE.get(subcategory or "")
    return category == "kuliner" or bool(sub and sub.packaged_food)


def missing_legality(
    *, category: str, subcategory: str, spp_irt_number: str, bpom_md_number: str, halal_status: str, halal_number: str
) -> list[str]:
    """Codes of the legality facts this product still lacks: ``permit``, ``halal_status``, ``halal_number``."""
    if not is_packaged_food(category, subcategory):
        return []
    missing = []
    if not (spp_irt_number or "").strip() and not (bpom_md_number or "").strip():
        missing.append("permit")
    if not halal_status:
        missing.append("halal_status")
    elif halal_status == "certified" and not (halal_number or "").strip():
        missing.append("halal_number")
    return missing
