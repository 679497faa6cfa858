"""Practice receipt (resi) numbers: the shapes sellers see from the common couriers.

These are practice patterns close to the real ones, enough to teach that a receipt number must be
copied exactly: JNE (3 letters and 10–13 digits, or 15–16 digits), J&T Express (JP or JD and 10
digits), SiCepat (12 digits starting with 00). Spaces and dashes are ignored; letters may be small.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PATTERNS = {
    "jne": re.compile(r"^(?:[A-Z]{3}\d{10,13}|\d{15,16})$"),
    "jnt": re.compile(r"^J[PD]\d{10}$"),
    "sicepat": re.compile(r"^00\d{10}$"),
}
EXPLANATIONS = {
    "jne": _("A JNE receipt number is 3 letters and 10 to 13 digits (for example CGK1234567890), or 15–16 digits."),
    "jnt": _("A J&T Express receipt number is JP or JD and then 10 digits, for example JP1234567890."),
    "sicepat": _("A SiCepat receipt number has 12 digits and starts with 00, for example 001234567890."),
}


def normalise(receipt: str) -> str:
    return re.sub(r"[\s\-]", "", receipt or "").upper()


def validate_receipt(*, courier: str, receipt: str) -> str:
    """The receipt number in its normal form; ``ValidationError`` with a clear message when it is wrong."""
    if courier not in PATTERNS:
        raise ValidationError(_("Choose the courier."), code="courier")
    value = normalise(receipt)
    if not value:
        raise ValidationError(_("Type the receipt number from the courier's label."), code="receipt_missing")
    if not PATTERNS[courier].match(value):
        raise ValidationError(
            _("“%(value)s” is not a %(courier)s receipt number. %(explanation)s"),
            code="receipt_format",
            params={"value": value, "courier": _courier_label(courier), "explanation": EXPLANATIONS[courier]},
        )
    return value


def _courier_label(courier: str) -> str:
    from .models import PracticeOrder

    return PracticeOrder.Courier(courier).label
