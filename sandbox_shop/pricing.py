"""Pricing arithmetic for a practice listing: HPP, margin and a suggested selling price.

Pure functions over whole rupiah, computed with ``Decimal`` so nothing is lost to binary floats.
The rounding is the one taught in the "Menghitung Harga Jual" lesson:

* HPP (harga pokok produksi) is the plain sum of the cost lines: materials + labour + packaging + other.
* The suggested price is HPP × (1 + markup %), rounded half-up to whole rupiah, then rounded *up* to
  the next multiple of ``step`` (Rp500 by default) so the price never falls below the wanted profit.
  Example from the lesson: HPP Rp32.000 with 40 % → Rp44.800 → Rp45.000.
* Margin is the profit on one item (price − HPP), also given as a percentage of the price
  (gross margin) and of HPP (markup). Percentages are rounded half-up to one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

PRICE_STEP = 500  # suggested prices are rounded up to the next Rp500, as in the lesson
ONE_DECIMAL = Decimal("0.1")


def _whole(value: int | Decimal | None) -> Decimal:
    if value is None:
        return Decimal(0)
    value = Decimal(value)
    if value < 0:
        raise ValueError("costs and prices cannot be negative")
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def hpp(*, materials=0, labour=0, packaging=0, other=0) -> int:
    """Cost of making one item, in whole rupiah."""
    return int(sum((_whole(v) for v in (materials, labour, packaging, other)), Decimal(0)))


def suggested_price(*, cost: int, markup_percent: int | Decimal, step: int = PRICE_STEP) -> int:
    """HPP plus the wanted profit, rounded to whole rupiah and then up to a multiple of ``step``."""
    if step < 1:
        raise ValueError("step must be at least Rp1")
    exact = _whole(cost) * (Decimal(1) + Decimal(markup_percent) / Decimal(100))
    rupiah = exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    steps = (rupiah / Decimal(step)).to_integral_value(rounding=ROUND_CEILING)
    return int(steps * step)


@dataclass(frozen=True)
class Margin:
    amount: int  # profit on one item in rupiah; negative is a loss
    percent_of_price: Decimal | None  # gross margin; None when there is no price
    percent_of_cost: Decimal | None  # markup; None when HPP is zero


def margin(*, price: int, cost: int) -> Margin:
    price_d, cost_d = _whole(price), _whole(cost)
    amount = price_d - cost_d
    of_price = (amount * 100 / price_d).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP) if price_d else None
    of_cost = (amount * 100 / cost_d).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP) if cost_d else None
    return Margin(amount=int(amount), percent_of_price=of_price, percent_of_cost=of_cost)
