"""The listing quality checker: one table of rules, each a small function over the listing's facts.

Every rule has an id, a severity and a lesson of the demo course that teaches the point:

* **blocker** — the listing cannot be submitted (``workflow.submission_problems`` uses them);
* **warning** — a marketplace would accept it, but buyers or the platform would mark it down;
* **tip** — a hint that makes a good listing better.

The checker works on ``ListingFacts``, built either from a saved listing or from the fields of
the edit form while the learner is still typing (the live check), so both give the same findings.
The score starts at 100 and loses a fixed number of points per finding, never below 0.
Limits per marketplace come from ``settings.SANDBOX_MARKETPLACE_PROFILES`` (practice limits).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import categories, photos, pricing
from .moderation import find_contact_details

BLOCKER, WARNING, TIP = "blocker", "warning", "tip"
PENALTY = {BLOCKER: 25, WARNING: 10, TIP: 3}
SEVERITY_LABELS = {BLOCKER: _("Must fix"), WARNING: _("Should fix"), TIP: _("Tip")}
MIN_DESCRIPTION_WORDS = 30
MIN_PHOTOS_RECOMMENDED = 3
DEFAULT_PROFILE = "shopee"

# Words a marketplace treats as keyword spam or unfair promotion when put in a product's text.
SPAM_WORDS = [
    "termurah",
    "paling murah",
    "murah banget",
    "murah meriah",
    "promo",
    "diskon",
    "gratis ongkir",
    "free ongkir",
    "ready stock",
    "best seller",
    "terlaris",
    "100% original",
    "original 100%",
    "dijamin",
    "buruan",
    "limited",
    "sale",
    "cod",
    "viral",
]
_SPAM = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in SPAM_WORDS) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class PhotoFacts:
    width: int = 0  # 0 × 0: chosen in the browser but not uploaded yet, so its size is not known
    height: int = 0

    @property
    def known(self) -> bool:
        return bool(self.width and self.height)


@dataclass(frozen=True)
class VariantFacts:
    name: str
    price: int | None
    stock: int | None


@dataclass
class ListingFacts:
    """What the checker looks at; empty or unknown values are ``""``, ``None`` or 0."""

    category: str = ""
    subcategory: str = ""
    marketplace: str = DEFAULT_PROFILE
    title: str = ""
    description: str = ""
    price: int | None = None
    cost_materials: int = 0
    cost_labour: int = 0
    cost_packaging: int = 0
    cost_other: int = 0
    markup_percent: int = 40
    stock: int | None = None
    weight_grams: int | None = None
    length_cm: int | None = None
    width_cm: int | None = None
    height_cm: int | None = None
    nib: str = ""
    spp_irt_number: str = ""
    bpom_md_number: str = ""
    halal_status: str = ""
    halal_number: str = ""
    photos: list[PhotoFacts] = field(default_factory=list)  # the cover first
    variants: list[VariantFacts] = field(default_factory=list)

    @classmethod
    def from_listing(cls, listing) -> ListingFacts:
        values = {name: getattr(listing, name) for name in FACT_FIELDS}
        return cls(
            **values,
            photos=[PhotoFacts(p.width, p.height) for p in listing.photos.all()] if listing.pk else [],
            variants=[VariantFacts(v.name, v.price, v.stock) for v in listing.variants.all()] if listing.pk else [],
        )

    @classmethod
    def from_data(cls, data: dict, *, photos: list[PhotoFacts], variants: list[VariantFacts]) -> ListingFacts:
        """Facts from (partly) cleaned form data; fields that did not clean are simply absent."""
        defaults = cls()
        values = {}
        for name in FACT_FIELDS:
            value = data.get(name)
            values[name] = getattr(defaults, name) if value is None else value
        return cls(**values, photos=photos, variants=variants)

    @property
    def hpp(self) -> int:
        return pricing.hpp(
            materials=self.cost_materials, labour=self.cost_labour, packaging=self.cost_packaging, other=self.cost_other
        )


FACT_FIELDS = [
    name for name in ListingFacts.__dataclass_fields__ if name not in {"photos", "variants"}
]  # the listing's own fields, also the names of the form's fields


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    lesson: str  # slug of the lesson that teaches this point
    field: str  # the form field to look at, or ""

    def as_dict(self, lesson_urls: dict[str, str] | None = None) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "severity_label": str(SEVERITY_LABELS[self.severity]),
            "message": self.message,
            "field": self.field,
            "lesson": self.lesson,
            "url": (lesson_urls or {}).get(self.lesson, ""),
        }


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    lesson: str
    field: str
    check: Callable[[ListingFacts, dict], list[str]]


@dataclass
class QualityReport:
    findings: list[Finding]
    score: int

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == BLOCKER]

    def as_dict(self, lesson_urls: dict[str, str] | None = None) -> dict:
        return {
            "score": self.score,
            "blocked": bool(self.blockers),
            "findings": [f.as_dict(lesson_urls) for f in self.findings],
        }


RULES: list[Rule] = []


def rule(rule_id: str, severity: str, *, lesson: str, field: str = ""):
    def register(check):
        RULES.append(Rule(rule_id, severity, lesson, field, check))
        return check

    return register


def profile_for(marketplace: str) -> dict:
    profiles = settings.SANDBOX_MARKETPLACE_PROFILES
    return profiles.get(marketplace) or profiles[DEFAULT_PROFILE]


def check_listing(facts: ListingFacts) -> QualityReport:
    profile = profile_for(facts.marketplace)
    findings = [
        Finding(r.id, r.severity, str(message), r.lesson, r.field) for r in RULES for message in r.check(facts, profile)
    ]
    order = {BLOCKER: 0, WARNING: 1, TIP: 2}
    findings.sort(key=lambda f: order[f.severity])
    score = max(0, 100 - sum(PENALTY[f.severity] for f in findings))
    return QualityReport(findings=findings, score=score)


def lesson_urls() -> dict[str, str]:
    """URL of each lesson the rules point to, for the lessons that exist and are live."""
    from courses.models import LessonPage

    slugs = {r.lesson for r in RULES}
    urls = {}
    for page in LessonPage.objects.live().filter(slug__in=slugs).order_by("pk"):
        url = page.get_url()
        if url:
            urls.setdefault(page.slug, url)
    return urls


# --- the rules ------------------------------------------------------------------------------


@rule("title_length", BLOCKER, lesson="judul-dan-deskripsi", field="title")
def _title_length(facts, profile):
    length = len(" ".join(facts.title.split()))
    low, high = profile["title_min_chars"], profile["title_max_chars"]
    if length < low:
        message = _("The product name is too short (%(count)d characters); %(market)s wants at least %(min)d.")
    elif length > high:
        message = _("The product name is too long (%(count)d characters); %(market)s allows up to %(max)d.")
    else:
        return []
    return [message % {"count": length, "market": profile["label"], "min": low, "max": high}]


@rule("title_all_caps", WARNING, lesson="judul-dan-deskripsi", field="title")
def _title_all_caps(facts, profile):
    letters = [c for c in facts.title if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return [_("The product name is all in capital letters; it reads like shouting. Write it in normal case.")]
    return []


@rule("spam_words", WARNING, lesson="judul-dan-deskripsi", field="title")
def _spam_words(facts, profile):
    found = []
    for match in _SPAM.finditer(f"{facts.title}\n{facts.description}"):
        word = match.group(1).lower()
        if word not in found:
            found.append(word)
    if not found:
        return []
    return [
        _("Promotional words such as %(words)s are treated as spam by marketplaces. Describe the product instead.")
        % {"words": ", ".join(f"“{w}”" for w in found)}
    ]


@rule("description_length", BLOCKER, lesson="judul-dan-deskripsi", field="description")
def _description_length(facts, profile):
    text = facts.description.strip()
    if not text:
        return [_("Write a description.")]
    if len(text) > profile["description_max_chars"]:
        return [
            _("The description is too long (%(count)d characters); %(market)s allows up to %(max)d.")
            % {"count": len(text), "market": profile["label"], "max": profile["description_max_chars"]}
        ]
    return []


@rule("description_words", WARNING, lesson="judul-dan-deskripsi", field="description")
def _description_words(facts, profile):
    words = len(facts.description.split())
    if 0 < words < MIN_DESCRIPTION_WORDS:
        return [
            _("The description has only %(count)d words. Write at least %(min)d: material, size, colour, care.")
            % {"count": words, "min": MIN_DESCRIPTION_WORDS}
        ]
    return []


@rule("contact_details", BLOCKER, lesson="judul-dan-deskripsi", field="description")
def _contact_details(facts, profile):
    return [f"“{f.text}”: {f.message}" for f in find_contact_details(f"{facts.title}\n{facts.description}")]


@rule("photos_missing", BLOCKER, lesson="foto-produk", field="photos")
def _photos_missing(facts, profile):
    return [] if facts.photos else [_("Add at least one photo.")]


@rule("photos_few", WARNING, lesson="foto-produk", field="photos")
def _photos_few(facts, profile):
    if 0 < len(facts.photos) < MIN_PHOTOS_RECOMMENDED:
        return [
            _("Only %(count)d photo(s). Show the product from at least %(min)d sides: front, back, detail.")
            % {"count": len(facts.photos), "min": MIN_PHOTOS_RECOMMENDED}
        ]
    return []


@rule("photo_resolution", WARNING, lesson="foto-produk", field="photos")
def _photo_resolution(facts, profile):
    small = [n for n, p in enumerate(facts.photos, start=1) if p.known and photos.is_too_small(p.width, p.height)]
    if not small:
        return []
    return [
        _("Photo %(numbers)s is smaller than %(min)d × %(min)d pixels and will look blurred when zoomed.")
        % {"numbers": ", ".join(str(n) for n in small), "min": photos.MIN_SIDE}
    ]


@rule("cover_ratio", WARNING, lesson="foto-produk", field="photos")
def _cover_ratio(facts, profile):
    if not facts.photos:
        return []
    cover = facts.photos[0]
    if not cover.known or photos.is_cover_ratio_ok(cover.width, cover.height):
        return []
    return [
        _("The cover photo is %(width)d × %(height)d pixels; choose one between 3:4 and 4:3 (square is best).")
        % {"width": cover.width, "height": cover.height}
    ]


@rule("price_above_hpp", BLOCKER, lesson="harga-jual", field="price")
def _price_above_hpp(facts, profile):
    cost = facts.hpp
    prices = [facts.price] + [v.price for v in facts.variants]
    if cost and any(p is not None and p <= cost for p in prices):
        return [_("The price must be above the HPP (Rp%(hpp)s), or every sale loses money.") % {"hpp": _rp(cost)}]
    return []


@rule("costs_missing", TIP, lesson="harga-jual", field="cost_materials")
def _costs_missing(facts, profile):
    if facts.hpp:
        return []
    return [_("Fill in the costs (materials, labour, packaging, other) to check that the price covers them.")]


@rule("price_below_suggested", TIP, lesson="harga-jual", field="price")
def _price_below_suggested(facts, profile):
    cost = facts.hpp
    if not cost or facts.price is None or facts.price <= cost:
        return []
    suggested = pricing.suggested_price(cost=cost, markup_percent=facts.markup_percent)
    if facts.price >= suggested:
        return []
    return [
        _("With %(percent)d%% profit on the HPP the suggested price is Rp%(price)s; yours is lower.")
        % {"percent": facts.markup_percent, "price": _rp(suggested)}
    ]


@rule("shipping_facts", WARNING, lesson="judul-dan-deskripsi", field="weight_grams")
def _shipping_facts(facts, profile):
    missing = []
    if not facts.weight_grams:
        missing.append(str(_("weight")))
    if not (facts.length_cm and facts.width_cm and facts.height_cm):
        missing.append(str(_("package size")))
    if not missing:
        return []
    return [
        _("Give the %(missing)s: the marketplace needs them to work out the shipping cost.")
        % {"missing": str(_(" and ")).join(missing)}
    ]


@rule("legality", BLOCKER, lesson="mengenal-marketplace", field="spp_irt_number")
def _legality(facts, profile):
    missing = categories.missing_legality(
        category=facts.category,
        subcategory=facts.subcategory,
        spp_irt_number=facts.spp_irt_number,
        bpom_md_number=facts.bpom_md_number,
        halal_status=facts.halal_status,
        halal_number=facts.halal_number,
    )
    messages = {
        "permit": _("Packaged food needs an SPP-IRT number or a BPOM MD number."),
        "halal_status": _("Packaged food needs a halal status: certificate, self-declare, or not halal."),
        "halal_number": _("Give the number of the halal certificate."),
    }
    return [messages[code] for code in missing]


@rule("variants_complete", BLOCKER, lesson="judul-dan-deskripsi", field="variants")
def _variants_complete(facts, profile):
    problems = []
    names = [" ".join((v.name or "").split()).lower() for v in facts.variants]
    for number, variant in enumerate(facts.variants, start=1):
        if not names[number - 1] or variant.price is None or variant.price <= 0 or variant.stock is None:
            problems.append(
                _("Variant %(number)d needs a name, a price above Rp0 and a stock number.") % {"number": number}
            )
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        problems.append(_("Each variant needs its own name; repeated: %(names)s.") % {"names": ", ".join(duplicates)})
    if len(facts.variants) == 1:
        problems.append(_("One variant is no choice: add a second one or remove it."))
    return problems


@rule("stock_empty", WARNING, lesson="mengenal-marketplace", field="stock")
def _stock_empty(facts, profile):
    total = sum(v.stock or 0 for v in facts.variants) if facts.variants else (facts.stock or 0)
    return [] if total else [_("The stock is 0: buyers cannot order it.")]


def _rp(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")
