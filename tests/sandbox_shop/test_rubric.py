import pytest
from django.core.exceptions import ValidationError

from sandbox_shop import rubric

GOOD = {"photos": 3, "title": 4, "description": 2, "price": 1, "legality": 4}


def test_five_criteria_each_with_four_levels():
    assert rubric.CRITERION_KEYS == ("photos", "title", "description", "price", "legality")
    for criterion in rubric.CRITERIA:
        assert [n for n, _text in criterion.described_levels()] == [1, 2, 3, 4]
        assert all(str(text) for text in criterion.levels)


def test_good_scores_come_back_as_numbers():
    assert rubric.clean_scores({k: str(v) for k, v in GOOD.items()}) == GOOD


@pytest.mark.parametrize("bad", [0, 5, -1, "", None, "tiga", "2.5", 2.5, "3a"])
def test_a_bad_score_is_refused_with_a_message_naming_the_criterion(bad):
    with pytest.raises(ValidationError) as error:
        rubric.clean_scores({**GOOD, "price": bad})

    assert set(error.value.message_dict) == {"price"}
    assert "Price" in error.value.message_dict["price"][0] or "Harga" in error.value.message_dict["price"][0]


def test_missing_scores_are_each_named():
    with pytest.raises(ValidationError) as error:
        rubric.clean_scores({"photos": 2})

    assert set(error.value.message_dict) == {"title", "description", "price", "legality"}


def test_unknown_criterion_is_refused():
    with pytest.raises(ValidationError):
        rubric.clean_scores({**GOOD, "kindness": 4})


def test_field_comments_are_stripped_and_empty_ones_dropped():
    assert rubric.clean_field_comments({"title": "  Tambahkan ukuran. ", "price": "  ", "photos": ""}) == {
        "title": "Tambahkan ukuran."
    }


def test_field_comment_on_an_unknown_field_is_refused():
    with pytest.raises(ValidationError):
        rubric.clean_field_comments({"status": "ubah"})


def test_commentable_fields_include_photos_and_variants():
    names = [name for name, _label in rubric.commentable_fields()]
    assert {"title", "description", "price", "photos", "variants"} <= set(names)
