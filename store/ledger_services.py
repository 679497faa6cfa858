"""Setting a facility's split rule (premi / PNBP / production capital) from a given date."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.audit.services import audit_record

from .ledger_models import SplitRule


def split_rule_set(
    *,
    actor,
    facility,
    effective_from: datetime.date,
    premi_percent: Decimal,
    pnbp_percent: Decimal,
    capital_percent: Decimal,
    note: str = "",
) -> SplitRule:
    """Add (or replace, for the same date) the rule; sales already recorded keep the rule they used."""
    permissions.require(actor, "store.configure", facility=facility)
    parts = [Decimal(premi_percent), Decimal(pnbp_percent), Decimal(capital_percent)]
    if any(p < 0 for p in parts) or sum(parts) != 100:
        raise ValidationError(_("The three percentages must be zero or more and add up to exactly 100."))
    with transaction.atomic():
        rule, _created = SplitRule.objects.update_or_create(
            facility=facility,
            effective_from=effective_from,
            defaults={
                "premi_percent": parts[0],
                "pnbp_percent": parts[1],
                "capital_percent": parts[2],
                "note": note.strip(),
            },
        )
        audit_record(
            actor=actor,
            action="store.split_rule",
            target=rule,
            facility=facility,
            data={"from": effective_from.isoformat(), "split": "/".join(f"{p:g}" for p in parts)},
        )
    return rule
