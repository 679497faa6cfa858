"""The quality checker: every rule fires on a bad listing and stays quiet on a good one."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from sandbox_shop import quality, workflow
from sandbox_shop.models import ListingVariant, PracticeListing
from sandbox_shop.quality import BLOCKER, TIP, WARNING, ListingFacts, PhotoFacts, VariantFacts, check_listing
from tests.factories import ListingFactory, add_photo, build_course

GOOD_DESCRIPTION = (
    "Tas jinjing dianyam dengan tangan dari daun pandan pilihan oleh warga binaan bengkel kerja. "
    "Ukuran 30 x 12 x 25 cm, berat 350 gram, tali dari kulit sintetis yang kuat. Warna alami pandan. "
    "Cara merawat: lap dengan kain kering. Isi paket: satu tas."
)


def good(**overrides) -> ListingFacts:
    facts = ListingFacts(
        category="kerajinan",
        subcategory="anyaman",
        marketplace="shopee",
        title="Tas Anyaman Pandan 30 cm Tali Kulit Sintetis",
        description=GOOD_DESCRIPTION,
        price=45000,
        cost_materials=18000,
        cost_labour=10000,
        cost_packaging=2000,
        cost_other=2000,
        markup_percent=40,
        stock=5,
        weight_grams=350,
        length_cm=32,
        width_cm=14,
        height_cm=27,
        photos=[PhotoFacts(800, 800), PhotoFacts(800, 600), PhotoFacts(600, 800)],
    )
    return replace(facts, **overrides)


def rule_ids(facts: ListingFacts) -> dict[str, str]:
    return {f.rule: f.severity for f in check_listing(facts).findings}


def test_a_good_listing_has_no_findings_and_scores_100():
    report = check_listing(good())
    assert report.findings == []
    assert report.score == 100
    assert report.blockers == []


def test_every_rule_has_id_severity_lesson_and_is_unique():
    ids = [r.id for r in quality.RULES]
    assert len(ids) == len(set(ids))
    for r in quality.RULES:
        assert r.severity in {BLOCKER, WARNING, TIP}
        assert r.lesson in {"mengenal-marketplace", "foto-produk", "judul-dan-deskripsi", "harga-jual"}


# --- title -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marketplace", "length", "fires"),
    [
        ("shopee", 19, True),
        ("shopee", 20, False),
        ("shopee", 120, False),
        ("shopee", 121, True),
        ("tiktok_tokopedia", 24, True),
        ("tiktok_tokopedia", 25, False),
        ("tiktok_tokopedia", 255, False),
        ("tiktok_tokopedia", 256, True),
    ],
)
def test_title_length_follows_the_marketplace_profile(marketplace, length, fires):
    title = ("Tas anyaman " * 30)[:length].rstrip() + "x" * (length - len(("Tas anyaman " * 30)[:length].rstrip()))
    assert len(title) == length
    assert ("title_length" in rule_ids(good(marketplace=marketplace, title=title))) is fires
    if fires:
        assert rule_ids(good(marketplace=marketplace, title=title))["title_length"] == BLOCKER


def test_profiles_come_from_settings(settings):
    settings.SANDBOX_MARKETPLACE_PROFILES = {
        **settings.SANDBOX_MARKETPLACE_PROFILES,
        "shopee": {**settings.SANDBOX_MARKETPLACE_PROFILES["shopee"], "title_max_chars": 30},
    }
    assert "title_length" in rule_ids(good())
    message = next(f.message for f in check_listing(good()).findings if f.rule == "title_length")
    assert "30" in message and "Shopee" in message


def test_unknown_marketplace_falls_back_to_shopee():
    assert quality.profile_for("nope")["label"] == "Shopee"


def test_all_capitals_title_is_a_warning():
    assert rule_ids(good(title="TAS ANYAMAN PANDAN 30 CM TALI KULIT"))["title_all_caps"] == WARNING
    assert "title_all_caps" not in rule_ids(good(title="Tas Anyaman Pandan 30 cm Tali Kulit"))
    assert "title_all_caps" not in rule_ids(good(title="Tas Anyaman Pandan Ukuran XL 30 CM"))


def test_spam_words_are_a_warning_and_named():
    findings = check_listing(good(title="Tas Anyaman Pandan TERMURAH Ready Stock")).findings
    spam = [f for f in findings if f.rule == "spam_words"]
    assert len(spam) == 1 and spam[0].severity == WARNING
    assert "termurah" in spam[0].message and "ready stock" in spam[0].message


def test_spam_words_match_whole_words_only():
    # "sale" inside another word, "promosi" containing "promo" as a prefix of a longer word
    assert "spam_words" not in rule_ids(good(description=GOOD_DESCRIPTION + " Wholesaler tidak menerima promosi."))
    assert "spam_words" in rule_ids(good(description=GOOD_DESCRIPTION + " Gratis ongkir!"))


# --- description -------------------------------------------------------------------------------


def test_empty_description_is_a_blocker():
    assert rule_ids(good(description="  "))["description_length"] == BLOCKER


def test_too_long_description_is_a_blocker_per_profile():
    long_text = "kata " * 500  # 2500 characters: fine for Shopee (3000), too long for TikTok/Tokopedia (2000)
    assert "description_length" not in rule_ids(good(description=long_text))
    assert rule_ids(good(description=long_text, marketplace="tiktok_tokopedia"))["description_length"] == BLOCKER


def test_description_under_30_words_is_a_warning():
    assert rule_ids(good(description="kata " * 29))["description_words"] == WARNING
    assert "description_words" not in rule_ids(good(description="kata " * 30))


def test_contact_details_are_a_blocker_one_finding_each():
    findings = [
        f
        for f in check_listing(good(description=GOOD_DESCRIPTION + " WA 0812 3456 7890, ig @tas.pandan")).findings
        if f.rule == "contact_details"
    ]
    assert {f.severity for f in findings} == {BLOCKER}
    assert len(findings) >= 3
    assert any("0812 3456 7890" in f.message for f in findings)


def test_legal_numbers_are_not_contact_details():
    text = GOOD_DESCRIPTION + " P-IRT 2063271010123-28, BPOM MD 224510001234."
    assert "contact_details" not in rule_ids(good(description=text))


# --- photos ------------------------------------------------------------------------------------


def test_no_photo_is_a_blocker():
    assert rule_ids(good(photos=[]))["photos_missing"] == BLOCKER


@pytest.mark.parametrize(("count", "fires"), [(1, True), (2, True), (3, False), (9, False)])
def test_fewer_than_three_photos_is_a_warning(count, fires):
    ids = rule_ids(good(photos=[PhotoFacts(800, 800)] * count))
    assert ("photos_few" in ids) is fires
    assert "photos_missing" not in ids


def test_photos_below_500_pixels_are_named_in_a_warning():
    photos = [PhotoFacts(800, 800), PhotoFacts(499, 800), PhotoFacts(500, 500)]
    findings = [f for f in check_listing(good(photos=photos)).findings if f.rule == "photo_resolution"]
    assert len(findings) == 1 and findings[0].severity == WARNING
    assert "Photo 2 " in findings[0].message or "Foto 2 " in findings[0].message


@pytest.mark.parametrize(
    ("size", "fires"),
    [((800, 800), False), ((600, 800), False), ((800, 600), False), ((599, 800), True), ((801, 600), True)],
)
def test_cover_must_be_between_3_4_and_4_3(size, fires):
    photos = [PhotoFacts(*size), PhotoFacts(800, 800), PhotoFacts(800, 800)]
    assert ("cover_ratio" in rule_ids(good(photos=photos))) is fires


def test_only_the_cover_ratio_matters():
    photos = [PhotoFacts(800, 800), PhotoFacts(1600, 500), PhotoFacts(800, 800)]
    assert "cover_ratio" not in rule_ids(good(photos=photos))


# --- price -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("price", "fires"), [(31999, True), (32000, True), (32001, False)])
def test_price_must_be_above_hpp(price, fires):
    assert ("price_above_hpp" in rule_ids(good(price=price))) is fires


def test_a_variant_priced_at_hpp_is_blocked_too():
    variants = [VariantFacts("Kecil", 30000, 2), VariantFacts("Besar", 50000, 2)]
    assert rule_ids(good(variants=variants))["price_above_hpp"] == BLOCKER


def test_without_costs_there_is_a_tip_and_no_price_blocker():
    ids = rule_ids(good(cost_materials=0, cost_labour=0, cost_packaging=0, cost_other=0, price=1000))
    assert ids["costs_missing"] == TIP
    assert "price_above_hpp" not in ids


def test_price_below_the_suggested_price_is_a_tip():
    assert rule_ids(good(price=40000))["price_below_suggested"] == TIP  # suggested Rp45.000
    assert "price_below_suggested" not in rule_ids(good(price=45000))
    assert "price_below_suggested" not in rule_ids(good(price=30000))  # a blocker says it already


# --- shipping, legality, variants, stock -------------------------------------------------------


@pytest.mark.parametrize("missing", ["weight_grams", "length_cm", "width_cm", "height_cm"])
def test_weight_and_dimensions_are_needed(missing):
    assert rule_ids(good(**{missing: None}))["shipping_facts"] == WARNING


def test_packaged_food_without_permit_and_halal_is_blocked():
    findings = [
        f for f in check_listing(good(category="kuliner", subcategory="keripik")).findings if f.rule == "legality"
    ]
    assert len(findings) == 2 and {f.severity for f in findings} == {BLOCKER}


def test_packaged_food_with_permit_and_halal_passes():
    facts = good(
        category="kuliner", subcategory="keripik", spp_irt_number="206327101012328", halal_status="self_declare"
    )
    assert "legality" not in rule_ids(facts)


def test_crafts_need_no_legality_facts():
    assert "legality" not in rule_ids(good(category="kerajinan"))


def test_food_hamper_in_other_category_needs_legality():
    assert "legality" in rule_ids(good(category="lainnya", subcategory="hampers_makanan"))


def test_complete_variants_pass():
    variants = [VariantFacts("Kecil", 40000, 2), VariantFacts("Besar", 50000, 3)]
    assert "variants_complete" not in rule_ids(good(variants=variants))


@pytest.mark.parametrize(
    "variants",
    [
        [VariantFacts("", 40000, 2), VariantFacts("Besar", 50000, 3)],
        [VariantFacts("Kecil", None, 2), VariantFacts("Besar", 50000, 3)],
        [VariantFacts("Kecil", 40000, None), VariantFacts("Besar", 50000, 3)],
        [VariantFacts("Kecil", 40000, 1), VariantFacts("kecil ", 50000, 3)],
        [VariantFacts("Kecil", 40000, 1)],
    ],
    ids=["no-name", "no-price", "no-stock", "duplicate", "only-one"],
)
def test_incomplete_variants_are_a_blocker(variants):
    assert rule_ids(good(variants=variants))["variants_complete"] == BLOCKER


def test_zero_stock_is_a_warning():
    assert rule_ids(good(stock=0))["stock_empty"] == WARNING
    variants = [VariantFacts("Kecil", 40000, 0), VariantFacts("Besar", 50000, 0)]
    assert rule_ids(good(variants=variants))["stock_empty"] == WARNING
    assert "stock_empty" not in rule_ids(good(stock=1))


# --- score, order, links -----------------------------------------------------------------------


def test_score_drops_per_finding_and_never_below_zero():
    assert check_listing(good(stock=0)).score == 90
    assert check_listing(good(price=1000)).score == 75
    terrible = ListingFacts(category="kuliner", title="WA 0812", description="PROMO termurah", price=1)
    assert check_listing(terrible).score == 0


def test_blockers_come_first():
    severities = [f.severity for f in check_listing(good(price=1000, stock=0, weight_grams=None)).findings]
    assert severities == sorted(severities, key={BLOCKER: 0, WARNING: 1, TIP: 2}.get)


@pytest.mark.django_db
def test_lesson_links_point_to_the_lessons_of_the_demo_course():
    from courses.models import LessonPage

    course = build_course(lessons=2)
    lesson = LessonPage.objects.descendant_of(course).first()
    lesson.slug = "foto-produk"
    lesson.save()

    urls = quality.lesson_urls()

    assert urls["foto-produk"].endswith("/foto-produk/")
    assert "harga-jual" not in urls  # a lesson that does not exist gives no link
    finding = check_listing(good(photos=[])).findings[0]
    assert finding.as_dict(urls)["url"] == urls["foto-produk"]


# --- from a saved listing, and at submission ---------------------------------------------------


@pytest.mark.django_db
def test_facts_from_a_listing_include_photos_cover_first_and_variants():
    listing = ListingFactory(price=50000, cost_materials=10000)
    add_photo(listing)
    ListingVariant.objects.create(listing=listing, name="Merah", price=50000, stock=1, position=0)
    facts = ListingFacts.from_listing(listing)
    assert facts.photos == [PhotoFacts(600, 600)]
    assert facts.variants == [VariantFacts("Merah", 50000, 1)]
    assert facts.hpp == 10000


@pytest.mark.django_db
def test_a_blocker_stops_submission_and_a_warning_does_not():
    learner_listing = ListingFactory(category="kuliner", subcategory="keripik")
    add_photo(learner_listing)
    with pytest.raises(ValidationError) as error:
        workflow.listing_submit(actor=learner_listing.learner, listing=learner_listing)
    assert len(error.value.messages) == 2  # permit and halal status
    learner_listing.refresh_from_db()
    assert learner_listing.status == PracticeListing.Status.DRAFT

    PracticeListing.objects.filter(pk=learner_listing.pk).update(
        spp_irt_number="206327101012328", halal_status="self_declare"
    )
    learner_listing.refresh_from_db()
    assert workflow.quality_report(learner_listing).findings  # warnings remain (one photo, short text)
    workflow.listing_submit(actor=learner_listing.learner, listing=learner_listing)
    learner_listing.refresh_from_db()
    assert learner_listing.status == PracticeListing.Status.SUBMITTED


@pytest.mark.django_db
def test_price_at_hpp_stops_submission():
    listing = ListingFactory(price=30000, cost_materials=20000, cost_labour=10000)
    add_photo(listing)
    with pytest.raises(ValidationError):
        workflow.listing_submit(actor=listing.learner, listing=listing)


def test_photos_of_unknown_size_skip_the_size_rules():
    ids = rule_ids(good(photos=[PhotoFacts(), PhotoFacts(), PhotoFacts()]))
    assert not {"photo_resolution", "cover_ratio", "photos_few", "photos_missing"} & set(ids)
