"""Finding contact details and off-platform pointers in listing text.

Listings written in a prison end up on public pages, so they must not carry a way to reach someone
outside: phone numbers in any form (spaced, dotted, +62, partly in words such as "nol delapan"),
e-mail addresses, web addresses and domain names, social-media handles, messaging apps, bank account
numbers, or the names of other marketplaces. ``find_contact_details`` is the one detector, used by
the listing form, the submission check and the officer's review screen. Ordinary product text
(sizes, weights, prices, years, "100% katun", "ukuran 30 x 40 cm") is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Finding:
    kind: str  # phone, email, url, handle, messaging, bank, marketplace
    text: str  # what was found, as written

    @property
    def message(self) -> str:
        return MESSAGES[self.kind]()


MESSAGES = {
    "phone": lambda: _("A phone number. Buyers contact the shop through the store, so listings carry no numbers."),
    "email": lambda: _("An e-mail address. Buyers contact the shop through the store, not by e-mail."),
    "url": lambda: _("A web address. Listings may not point to other websites."),
    "handle": lambda: _("A social-media account. Listings may not point to accounts outside the store."),
    "messaging": lambda: _("A messaging app or a request to get in touch. Buyers talk to the shop in the store."),
    "bank": lambda: _("A bank account number. Payment details are given by the facility, not in the listing."),
    "marketplace": lambda: _("The name of another marketplace. Write about the product only."),
}

NUMBER_WORDS = {
    "nol": "0",
    "kosong": "0",
    "satu": "1",
    "dua": "2",
    "tiga": "3",
    "empat": "4",
    "lima": "5",
    "enam": "6",
    "tujuh": "7",
    "delapan": "8",
    "sembilan": "9",
}
_WORD_DIGIT = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# digits (or number words turned into digits) joined by spaces, dots, dashes, slashes or brackets
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s.\-/()]{0,3}\d)+")
_BANK_WORDS = re.compile(
    r"\b(rek(?:ening)?|no\.?\s*rek|norek|bca|bri|bni|mandiri|bsi|btn|cimb|transfer ke|a\.?n\.?)\b", re.I
)
# registration numbers a product may rightly show (SPP-IRT/P-IRT, BPOM MD/ML, NIB, halal certificate)
_LEGAL_WORDS = re.compile(r"\b(p-?irt|spp-?irt|pirt|bpom|md|ml|nib|halal|id\d{2})\b[\s.:no]*$", re.I)
_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:@|\(at\)|\[at\]|\s+at\s+)\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[a-z]{2,})+", re.I
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\s*\.\s*[\w-]+)*\s*\.\s*(?:com|co\.id|id|net|org|me|ly|link|shop|store|xyz|info|biz|io|app|"
    r"site|online|my\.id|web\.id|gg|to|tv|cc)\b",
    re.I,
)
_HANDLE = re.compile(r"(?<![\w.])@[a-z0-9_.]{3,}", re.I)
_SOCIAL = re.compile(
    r"\b(instagram|insta|ig|facebook|fb|twitter|tiktok(?!\s*shop)|youtube|yt|threads|snapchat|follow|"
    r"ikuti akun|akun kami)\b",
    re.I,
)
_MESSAGING = re.compile(
    r"\b(whats\s*app|wa|w\.a|watsap|wasap|telegram|tele|line|signal|michat|wechat|sms|telp|telepon|tlp|hp|"
    r"hubungi|kontak|contact|call|dm|inbox|japri|chat\s+(?:saya|kami|aku))\b",
    re.I,
)
_MARKETPLACE = re.compile(
    r"\b(shopee|tokopedia|tokped|bukalapak|lazada|blibli|tiktok\s*shop|olx|jd\.id|zalora|"
    r"facebook\s+marketplace)\b",
    re.I,
)


def _digits_with_words(text: str) -> str:
    return _WORD_DIGIT.sub(lambda m: NUMBER_WORDS[m.group(1).lower()], text)


def _number_findings(text: str) -> list[Finding]:
    findings = []
    converted = _digits_with_words(text)
    for match in _DIGIT_RUN.finditer(converted):
        digits = re.sub(r"\D", "", match.group(0))
        raw = match.group(0).strip()
        before = converted[max(0, match.start() - 30) : match.start()]
        if _LEGAL_WORDS.search(before):
            continue
        if len(digits) >= 10:
            is_phone = digits.startswith(("08", "628", "8")) or raw.startswith("+") or digits.startswith("0")
            findings.append(Finding("phone" if is_phone else "bank", raw))
        elif len(digits) >= 7:
            if _BANK_WORDS.search(before):
                findings.append(Finding("bank", raw))
            elif digits.startswith(("08", "628")) and len(digits) >= 9:
                findings.append(Finding("phone", raw))
    return findings


def find_contact_details(text: str) -> list[Finding]:
    """Every contact detail or off-platform pointer in ``text``; empty when the text is clean."""
    if not text:
        return []
    findings: list[Finding] = []
    emails = [m.group(0) for m in _EMAIL.finditer(text)]
    findings += [Finding("email", e.strip()) for e in emails]
    without_emails = _EMAIL.sub(" ", text)
    findings += [Finding("url", m.group(0).strip()) for m in _URL.finditer(without_emails)]
    findings += [Finding("handle", m.group(0)) for m in _HANDLE.finditer(without_emails)]
    findings += [Finding("handle", m.group(0)) for m in _SOCIAL.finditer(without_emails)]
    findings += [Finding("messaging", m.group(0)) for m in _MESSAGING.finditer(without_emails)]
    findings += [Finding("marketplace", m.group(0)) for m in _MARKETPLACE.finditer(without_emails)]
    findings += _number_findings(without_emails)
    unique: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        unique.setdefault((finding.kind, finding.text.lower()), finding)
    return list(unique.values())
