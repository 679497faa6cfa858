"""The Indonesian catalogue is complete, compiled, and actually used by the site."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import FacilityFactory

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"


def _pairs(entries):
    """(msgctxt, msgid, msgstr) for every real message; plural forms are folded into one sorted tuple."""
    pairs = set()
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        msgstr = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        pairs.add((entry.msgctxt, entry.msgid, msgstr))
    return pairs


def test_every_entry_is_translated_and_not_fuzzy():
    po = polib.pofile(str(PO_PATH))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"Untranslated msgids in {PO_PATH.name}: {untranslated}"
    assert not fuzzy, f"Fuzzy msgids in {PO_PATH.name}: {fuzzy}"
    assert po.metadata.get("Language") == "id"
    assert po.metadata.get("Plural-Forms", "").startswith("nplurals=1;")


def test_compiled_catalogue_matches_the_po_file():
    assert MO_PATH.exists(), "Run: manage.py compilemessages -l id"
    po = polib.pofile(str(PO_PATH))
    mo = polib.mofile(str(MO_PATH))
    expected = _pairs(po.translated_entries())
    compiled = _pairs(mo)
    missing = sorted(msgid for _ctx, msgid, _str in expected - compiled)
    stale = sorted(msgid for _ctx, msgid, _str in compiled - expected)
    assert not missing and not stale, (
        f"django.mo is out of date (run compilemessages). Not in .mo: {missing}; only in .mo: {stale}"
    )


@pytest.mark.parametrize(
    ("msgid", "indonesian"),
    [
        ("Sign in", "Masuk"),
        ("Registration number", "Nomor registrasi"),
        ("Practice shop", "Toko latihan"),
    ],
)
def test_gettext_uses_the_catalogue(msgid, indonesian):
    with translation.override("id"):
        assert translation.gettext(msgid) == indonesian
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


@pytest.mark.django_db
def test_sign_in_page_is_indonesian_until_the_user_switches(client):
    FacilityFactory(code="KLD")

    response = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "Masuk warga binaan" in page
    assert "Nomor registrasi" in page
    assert "Learner sign-in" not in page

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"}, HTTP_ACCEPT_LANGUAGE="en-US")
    assert switched.status_code == 302
    assert switched.url == "/masuk/"

    response = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="id")
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Learner sign-in" in page
    assert "Registration number" in page
    assert "Masuk warga binaan" not in page
