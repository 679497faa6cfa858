"""Printable sign-in cards: eight per A4 page, each with the learner's first PIN.

PINs are stored hashed, so a card can only be printed right after a PIN is set (on creation, by an
import, or by a reset); the caller passes the PIN in clear and it goes nowhere but the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

CARDS_PER_PAGE = 8


@dataclass(frozen=True)
class Card:
    full_name: str
    facility_name: str
    facility_code: str
    registration_number: str
    pin: str


def card_for(learner, pin: str) -> Card:
    return Card(
        full_name=learner.full_name or learner.username,
        facility_name=learner.facility.name,
        facility_code=learner.facility.code,
        registration_number=learner.registration_number,
        pin=pin,
    )


def cards_pdf(cards: list[Card]) -> bytes:
    """A4 portrait pages of sign-in cards (Indonesian, as learners read it)."""
    from certificates.pdf import html_to_pdf  # WeasyPrint loads slowly: only when a PDF is made

    pages = [cards[i : i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)]
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "accounts/cards_pdf.html",
            {"pages": pages, "sign_in_url": settings.SITE_URL + reverse("learner_login")},
        )
    return html_to_pdf(html)
