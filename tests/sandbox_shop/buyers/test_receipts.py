import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sandbox_shop.buyers.receipts import validate_receipt


@pytest.mark.parametrize(
    ("courier", "typed", "stored"),
    [
        ("jne", "CGK1234567890", "CGK1234567890"),
        ("jne", "cgk 1234 5678 90", "CGK1234567890"),
        ("jne", "1234567890123456", "1234567890123456"),
        ("jnt", "JP1234567890", "JP1234567890"),
        ("jnt", "jd-1234-567-890", "JD1234567890"),
        ("sicepat", "001234567890", "001234567890"),
    ],
)
def test_good_receipt_numbers(courier, typed, stored):
    assert validate_receipt(courier=courier, receipt=typed) == stored


@pytest.mark.parametrize(
    ("courier", "typed", "hint"),
    [
        ("jne", "CG1234567890", "3 letters and 10 to 13 digits"),
        ("jne", "JP1234567890", "3 letters"),
        ("jnt", "JP123456789", "JP or JD and then 10 digits"),
        ("jnt", "001234567890", "JP or JD"),
        ("sicepat", "101234567890", "starts with 00"),
        ("sicepat", "0012345678901", "12 digits"),
    ],
)
def test_wrong_receipt_numbers_say_what_the_right_one_looks_like(courier, typed, hint):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            validate_receipt(courier=courier, receipt=typed)
        message = caught.value.messages[0]
    assert caught.value.code == "receipt_format"
    assert hint in message
    assert "is not a" in message


def test_missing_courier_or_number():
    with pytest.raises(ValidationError) as caught:
        validate_receipt(courier="", receipt="JP1234567890")
    assert caught.value.code == "courier"
    with pytest.raises(ValidationError) as caught:
        validate_receipt(courier="jnt", receipt="  ")
    assert caught.value.code == "receipt_missing"


def test_the_message_is_in_indonesian():
    with translation.override("id"):
        with pytest.raises(ValidationError) as caught:
            validate_receipt(courier="jnt", receipt="123")
        message = caught.value.messages[0]
    assert message.startswith("“123” bukan nomor resi J&T Express. Nomor resi J&T Express diawali JP")
