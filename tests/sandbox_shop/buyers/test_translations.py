"""The practice buyers pages and messages speak Indonesian first, English on request."""

import pytest
from django.utils import translation

from sandbox_shop.buyers import grading
from tests.factories import build_scenario


@pytest.mark.parametrize(
    ("msgid", "indonesian"),
    [
        ("Practice buyers", "Pembeli latihan"),
        ("Send the answer", "Kirim jawaban"),
        ("Receipt number (resi)", "Nomor resi"),
        ("Confirm the order", "Konfirmasi pesanan"),
    ],
)
def test_the_catalogue_has_the_buyers_words(msgid, indonesian):
    with translation.override("id"):
        assert translation.gettext(msgid) == indonesian


def test_every_rule_speaks_both_languages():
    for rule in grading.RULES:
        with translation.override("en"):
            english = [str(rule.label), str(rule.good), str(rule.better)]
        with translation.override("id"):
            indonesian = [str(rule.label), str(rule.good), str(rule.better)]
        assert all(a != b for a, b in zip(english, indonesian, strict=True)), rule.id


def test_the_plural_of_minutes():
    with translation.override("id"):
        assert grading.answered_after(1) == "Anda menjawab setelah 1 menit pada jam latihan."
    with translation.override("en"):
        assert grading.answered_after(2) == "You answered after 2 minutes on the practice clock."


@pytest.mark.django_db
def test_the_inbox_page_in_both_languages(client):
    scenario = build_scenario()
    client.force_login(scenario.learner)
    page = client.get(f"/toko-latihan/pembeli/{scenario.pk}/").content.decode()
    assert "Kotak masuk" in page and "Pesan chat" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/toko-latihan/pembeli/{scenario.pk}/").content.decode()
    assert "Inbox" in page and "Chat messages" in page
