"""Each grading rule passes and fails where it should; contact details are refused, never graded."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from sandbox_shop.buyers import grading
from sandbox_shop.buyers.scripts import STOCK_WORDS

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
GOOD = "Halo kak Rina, stoknya masih ada ya. Terima kasih sudah bertanya!"


def facts(text=GOOD, *, minutes=2, keywords=None, buyer="Rina Marlina"):
    return grading.AnswerFacts(
        text=text,
        buyer_name=buyer,
        keywords=keywords if keywords is not None else [STOCK_WORDS],
        appeared_at=T0,
        answered_at=T0 + timedelta(minutes=minutes),
    )


def points(result, rule_id):
    return next(c["points"] for c in result.checks if c["rule"] == rule_id)


def test_a_good_answer_scores_full_marks():
    result = grading.grade_answer(facts())
    assert result.score == 100
    assert [c["rule"] for c in result.checks] == [r.id for r in grading.RULES]
    assert sum(r.points for r in grading.RULES) == 100


@pytest.mark.parametrize(
    ("text", "keywords", "expected"),
    [
        ("Halo kak, stoknya masih ada. Terima kasih", [STOCK_WORDS], 40),
        ("Halo kak, terima kasih sudah mampir", [STOCK_WORDS], 0),
        ("Mohon maaf kak, kami kirim ulang barangnya", [["maaf"], ["kirim ulang", "ganti"]], 40),
        ("Mohon maaf ya kak", [["maaf"], ["kirim ulang", "ganti"]], 10),  # only half of what was asked
        ("Bisa kak", [["ukuran", "cm"]], 0),
        ("Ukurannya 30 x 40 cm kak", [["ukuran", "cm"]], 40),  # "ukurannya" counts for "ukuran"
    ],
)
def test_answers_question(text, keywords, expected):
    assert points(grading.grade_answer(facts(text, keywords=keywords)), "answers_question") == expected


@pytest.mark.parametrize(("minutes", "expected"), [(0, 20), (15, 20), (16, 10), (60, 10), (61, 0), (600, 0)])
def test_response_time_on_the_practice_clock(settings, minutes, expected):
    settings.BUYERS_PRACTICE_CLOCK = {"good_within_seconds": 900, "late_after_seconds": 3600, "speed": 1}
    result = grading.grade_answer(facts(minutes=minutes))
    assert points(result, "response_time") == expected
    assert next(c for c in result.checks if c["rule"] == "response_time")["minutes"] == minutes


def test_the_practice_clock_is_configurable(settings):
    settings.BUYERS_PRACTICE_CLOCK = {"good_within_seconds": 60, "late_after_seconds": 120, "speed": 1}
    assert points(grading.grade_answer(facts(minutes=3)), "response_time") == 0
    settings.BUYERS_PRACTICE_CLOCK = {"good_within_seconds": 60, "late_after_seconds": 120, "speed": 10}
    assert points(grading.grade_answer(facts(minutes=0.1)), "response_time") == 20  # 6 s × 10 = 1 practice minute


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Halo kak, ada", 10),
        ("Selamat siang kak, ada", 10),
        ("Assalamualaikum kak, ada", 10),
        ("Ada kak", 0),
        ("Mahalo ada", 0),  # "halo" inside another word is no greeting
    ],
)
def test_greeting(text, expected):
    assert points(grading.grade_answer(facts(text)), "greeting") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Ada kak, terima kasih", 10), ("Ada kak, makasih ya", 10), ("Ada kak, terimakasih", 10), ("Ada kak", 0)],
)
def test_thanks(text, expected):
    assert points(grading.grade_answer(facts(text)), "thanks") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Halo kak, ada", 10),
        ("Halo Bu, ada", 10),
        ("Halo Rina, ada", 10),  # the buyer's name
        ("Halo, ada", 0),
        ("Halo, paket ada", 0),  # "pak" inside "paket" is not "Pak"
    ],
)
def test_addresses_buyer(text, expected):
    assert points(grading.grade_answer(facts(text)), "addresses_buyer") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HALO KAK STOK MASIH ADA TERIMA KASIH", 0),
        ("Halo kak, stok masih ada. OK, terima kasih", 10),
        ("OK KAK", 10),  # too short to be shouting
    ],
)
def test_no_all_caps(text, expected):
    assert points(grading.grade_answer(facts(text)), "no_all_caps") == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Halo kak, hubungi saya di 0812 3456 7890 ya", "a phone number"),
        ("Kak, kirim email ke toko@contoh.com", "an e-mail address"),
        ("Kak, chat saya di WA aja", "a messaging app or a request to talk elsewhere"),
        ("Cek di Tokopedia kak, lebih murah", "the name of another marketplace"),
        ("Follow instagram kami kak", "a social-media account"),
    ],
)
def test_contact_details_are_refused_without_accusing(text, kind):
    with translation.override("en"):
        refusal = grading.contact_refusal(text)
    assert refusal is not None
    assert kind in refusal
    assert refusal.startswith("Your answer was not sent.")


@pytest.mark.parametrize(
    "text",
    [GOOD, "Ukurannya 30 x 40 cm kak, beratnya 250 gram. Terima kasih", "Harganya Rp45.000 kak, dikirim 2 hari"],
)
def test_ordinary_answers_are_not_refused(text):
    assert grading.contact_refusal(text) is None


def test_feedback_names_every_check_and_how_to_do_better():
    result = grading.grade_answer(facts("ADA", minutes=120))
    with translation.override("en"):
        lines = grading.feedback(result.checks)
    assert {line["rule"] for line in lines} == {r.id for r in grading.RULES}
    by_rule = {line["rule"]: line for line in lines}
    assert by_rule["answers_question"]["passed"]
    assert not by_rule["greeting"]["passed"]
    assert "Start with a greeting" in by_rule["greeting"]["message"]
    assert "120 minutes on the practice clock" in by_rule["response_time"]["message"]
    with translation.override("id"):
        indonesian = {line["rule"]: line for line in grading.feedback(result.checks)}
    assert indonesian["greeting"]["message"] != by_rule["greeting"]["message"]


def test_the_refusal_is_in_indonesian_by_default():
    with translation.override("id"):
        refusal = grading.contact_refusal("Hubungi 0812 3456 7890 ya kak")
    assert refusal.startswith("Jawaban Anda belum terkirim.")
    assert "nomor telepon" in refusal
