"""Sales ledger and premi: a completed order becomes sale lines, each split by the facility's rule.

Rounding rule (whole rupiah, the parts always add up to the whole): **largest remainder**. Each part's
exact quota ``total × weight / Σ weights`` is rounded down; the rupiah left over go one each to the
parts with the largest fractional remainders; equal remainders go to the earlier part (premi, then
PNBP, then capital; makers in their order on the product, then by learner id). The same input always
gives the same split. A product without makers has no one to receive premi: that part goes to
production capital.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _

from .ledger_models import PremiAllocation, Sale, SplitRule
from .models import ProductMaker
from .order_models import Order


class SplitRuleMissing(Exception):
    """No split rule was in force on the sale date: an administrator must set one first."""

    def __init__(self, facility, on: datetime.date):
        self.facility, self.on = facility, on
        super().__init__(
            _("%(facility)s has no split rule (premi, PNBP, capital) in force on %(date)s. Set one first.")
            % {"facility": facility, "date": on.isoformat()}
        )


def largest_remainder(total: int, weights: Sequence[int | Decimal | Fraction]) -> list[int]:
    """Split ``total`` whole rupiah in proportion to ``weights``; the result always sums to ``total``."""
    if total < 0:
        raise ValueError("total must not be negative")
    exact = [Fraction(w) for w in weights]
    if any(w < 0 for w in exact):
        raise ValueError("weights must not be negative")
    whole = sum(exact)
    if whole == 0:
        raise ValueError("at least one weight must be positive")
    quotas = [total * w / whole for w in exact]
    parts = [q.numerator // q.denominator for q in quotas]
    left = total - sum(parts)
    # Largest fractional remainder first; on a tie the earlier index wins (sorted is stable).
    order = sorted(range(len(quotas)), key=lambda i: quotas[i] - parts[i], reverse=True)
    for i in order[:left]:
        parts[i] += 1
    return parts


def split_rule_for(facility, on: datetime.date) -> SplitRule:
    rule = SplitRule.objects.filter(facility=facility, effective_from__lte=on).order_by("-effective_from").first()
    if rule is None:
        raise SplitRuleMissing(facility, on)
    return rule


def local_date(facility, moment: datetime.datetime) -> datetime.date:
    """The date in the facility's own time zone (WIB/WITA/WIT), which is what its books use."""
    import zoneinfo

    return timezone.localtime(moment, zoneinfo.ZoneInfo(facility.timezone)).date()


def sales_record(*, order: Order) -> list[Sale]:
    """Write the sale lines (and premi allocations) of a completed order; a second call adds nothing.

    Called by the workflow inside the completing transaction, with the order locked.
    """
    sold_on = local_date(order.facility, order.completed_at or timezone.now())
    rule = split_rule_for(order.facility, sold_on)
    sales = []
    for line in order.lines.select_related("product"):
        existing = Sale.objects.filter(order_line=line).first()
        if existing is not None:
            sales.append(existing)
            continue
        amount = line.amount
        premi, pnbp, capital = largest_remainder(amount, [rule.premi_percent, rule.pnbp_percent, rule.capital_percent])
        makers = list(ProductMaker.objects.filter(page=line.product, share__gt=0).order_by("sort_order", "learner_id"))
        if not makers:
            premi, capital = 0, capital + premi
        sale = Sale.objects.create(
            order_line=line,
            facility=order.facility,
            sold_on=sold_on,
            title=line.title + (f" ({line.variant_name})" if line.variant_name else ""),
            quantity=line.quantity,
            amount=amount,
            split_rule=rule,
            premi_amount=premi,
            pnbp_amount=pnbp,
            capital_amount=capital,
        )
        if makers:
            shares = largest_remainder(premi, [maker.share for maker in makers])
            PremiAllocation.objects.bulk_create(
                PremiAllocation(sale=sale, learner_id=maker.learner_id, share=maker.share, amount=part)
                for maker, part in zip(makers, shares, strict=True)
            )
        sales.append(sale)
    return sales
