from decimal import Decimal

import pytest

from sandbox_shop import pricing


def test_hpp_is_the_sum_of_the_cost_lines():
    assert pricing.hpp(materials=18000, labour=10000, packaging=2000, other=2000) == 32000


def test_hpp_of_nothing_is_zero():
    assert pricing.hpp() == 0
    assert pricing.hpp(materials=None, labour=None) == 0


def test_hpp_refuses_negative_costs():
    with pytest.raises(ValueError):
        pricing.hpp(materials=-1)


def test_suggested_price_matches_the_lesson_example():
    # HPP Rp32.000 + 40 % = Rp44.800, rounded up to Rp45.000 (lesson "Menghitung Harga Jual")
    assert pricing.suggested_price(cost=32000, markup_percent=40) == 45000


def test_suggested_price_on_an_exact_step_is_not_raised():
    assert pricing.suggested_price(cost=10000, markup_percent=50) == 15000


def test_suggested_price_rounds_half_up_to_whole_rupiah_before_the_step():
    # 333 × 1.15 = 382.95 → Rp383 with step 1
    assert pricing.suggested_price(cost=333, markup_percent=15, step=1) == 383
    # 101 × 1.005 = 101.505 → Rp102 (half up), not Rp101
    assert pricing.suggested_price(cost=101, markup_percent=Decimal("0.5"), step=1) == 102


def test_suggested_price_is_never_below_the_wanted_profit():
    for cost in range(1, 5000, 37):
        price = pricing.suggested_price(cost=cost, markup_percent=30)
        assert price % 500 == 0
        assert price >= cost * 1.3


def test_suggested_price_refuses_a_zero_step():
    with pytest.raises(ValueError):
        pricing.suggested_price(cost=1000, markup_percent=10, step=0)


def test_margin_in_rupiah_and_percent():
    margin = pricing.margin(price=45000, cost=32000)
    assert margin.amount == 13000
    assert margin.percent_of_price == Decimal("28.9")  # 13000 / 45000 = 28.888…
    assert margin.percent_of_cost == Decimal("40.6")  # 13000 / 32000 = 40.625 → half up


def test_margin_of_a_loss_is_negative():
    margin = pricing.margin(price=30000, cost=32000)
    assert margin.amount == -2000
    assert margin.percent_of_price == Decimal("-6.7")


def test_margin_without_price_or_cost_has_no_percentages():
    assert pricing.margin(price=0, cost=0) == pricing.Margin(amount=0, percent_of_price=None, percent_of_cost=None)
