import pytest

from sandbox_shop.models import ListingVariant
from sandbox_shop.revisions import diff, snapshot
from tests.factories import ListingFactory, add_photo

BASE = {
    "title": "Tas Anyaman Pandan",
    "description": "Tas dari pandan, ukuran 30 cm.",
    "price": 45000,
    "weight_grams": None,
    "variants": [{"name": "Merah", "price": 45000, "stock": 3}],
    "photo_ids": [1, 2],
}


def changed(old, new):
    return {change.field: change for change in diff(old, new)}


def test_first_revision_has_nothing_to_compare():
    assert diff(None, BASE) == []


def test_identical_revisions_have_no_changes():
    assert diff(BASE, dict(BASE)) == []


def test_text_changes_list_the_words_added_and_removed():
    new = {**BASE, "description": "Tas dari daun pandan, ukuran 30 x 40 cm."}

    change = changed(BASE, new)["description"]

    assert change.added == ["daun", "x", "40"]
    assert change.removed == []
    assert ("added", "daun") in change.words
    assert change.words[0] == ("same", "Tas dari")


def test_a_replaced_word_is_both_removed_and_added():
    change = changed(BASE, {**BASE, "title": "Tas Anyaman Mendong"})["title"]

    assert change.removed == ["Pandan"]
    assert change.added == ["Mendong"]
    assert change.words == [("same", "Tas Anyaman"), ("removed", "Pandan"), ("added", "Mendong")]


def test_only_spacing_is_not_a_change():
    assert diff(BASE, {**BASE, "title": "Tas  Anyaman   Pandan"}) == []


def test_plain_fields_show_old_and_new_value():
    changes = changed(BASE, {**BASE, "price": 50000, "weight_grams": 400})

    assert (changes["price"].old, changes["price"].new) == (45000, 50000)
    assert (changes["weight_grams"].old, changes["weight_grams"].new) == (None, 400)
    assert set(changes) == {"price", "weight_grams"}


def test_empty_and_missing_values_are_the_same():
    assert diff({**BASE, "nib": ""}, {**BASE, "nib": None}) == []


def test_variant_lines_added_and_removed():
    new = {
        **BASE,
        "variants": [{"name": "Merah", "price": 45000, "stock": 3}, {"name": "Biru", "price": 47000, "stock": 1}],
    }

    change = changed(BASE, new)["variants"]

    assert change.added == ["Biru · Rp47000 · 1"]
    assert change.removed == []


def test_photos_added_removed_and_cover_change():
    changes = changed(BASE, {**BASE, "photo_ids": [3, 1]})

    assert changes["photo_ids"].added == [3]
    assert changes["photo_ids"].removed == [2]
    reordered = changed(BASE, {**BASE, "photo_ids": [2, 1]})["photo_ids"]
    assert (reordered.added, reordered.removed) == ([], [])  # the cover changed, nothing came or went


@pytest.mark.django_db
def test_snapshot_holds_fields_variants_and_photos_cover_first():
    listing = ListingFactory(price=30000)
    first, second = add_photo(listing), add_photo(listing)
    second.position, first.position = 0, 1
    second.save()
    first.save()
    ListingVariant.objects.create(listing=listing, name="L", price=32000, stock=2)

    data = snapshot(listing)

    assert data["title"] == listing.title
    assert data["price"] == 30000
    assert data["variants"] == [{"name": "L", "price": 32000, "stock": 2}]
    assert data["photo_ids"] == [second.pk, first.pk]
    assert "status" not in data
