import pytest

from sandbox_shop.categories import BY_CODE, is_packaged_food, missing_legality, subcategory_fits
from sandbox_shop.models import PracticeListing

C = PracticeListing.Category


def legality(**overrides):
    facts = {
        "category": C.FOOD,
        "subcategory": "keripik",
        "spp_irt_number": "",
        "bpom_md_number": "",
        "halal_status": "",
        "halal_number": "",
    }
    facts.update(overrides)
    return missing_legality(**facts)


def test_every_subcategory_belongs_to_an_existing_category():
    assert {sub.category for sub in BY_CODE.values()} == set(C.values)


@pytest.mark.parametrize("category", [C.CRAFT, C.FASHION, C.OTHER])
def test_non_food_needs_no_legality_facts(category):
    assert not is_packaged_food(category, "")
    assert legality(category=category, subcategory="") == []


def test_food_category_is_packaged_food_with_any_subcategory():
    assert is_packaged_food(C.FOOD, "")
    assert is_packaged_food(C.FOOD, "keripik")


def test_packaged_food_subcategory_outside_kuliner_counts_as_food():
    assert is_packaged_food(C.OTHER, "hampers_makanan")
    assert legality(category=C.OTHER, subcategory="hampers_makanan") == ["permit", "halal_status"]


def test_food_without_anything_lacks_permit_and_halal_status():
    assert legality() == ["permit", "halal_status"]


@pytest.mark.parametrize(
    "permit", [{"spp_irt_number": "206327101012328"}, {"bpom_md_number": "224510001234"}], ids=["spp-irt", "bpom"]
)
def test_either_permit_is_enough(permit):
    assert legality(**permit, halal_status="self_declare") == []


def test_certified_halal_needs_its_number():
    assert legality(spp_irt_number="206327101012328", halal_status="certified") == ["halal_number"]
    assert (
        legality(spp_irt_number="206327101012328", halal_status="certified", halal_number="ID00110000123450122") == []
    )


def test_not_halal_is_a_valid_status():
    assert legality(bpom_md_number="224510001234", halal_status="not_halal") == []


def test_subcategory_must_belong_to_the_category():
    assert subcategory_fits(C.CRAFT, "anyaman")
    assert subcategory_fits(C.CRAFT, "")
    assert not subcategory_fits(C.CRAFT, "keripik")
    assert not subcategory_fits(C.CRAFT, "tidak-ada")
