import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from store.ledger import SplitRuleMissing, largest_remainder, sales_record, split_rule_for
from store.models import PremiAllocation, Sale, SplitRule
from store.workflow import order_cancel, order_complete, order_confirm, order_mark_paid, order_ship
from tests.factories import AdminFactory, FacilityFactory, LearnerFactory, build_product, place_order, split_rule

# --- the rounding rule -----------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any),
)
def test_parts_always_sum_to_the_total(total, weights):
    parts = largest_remainder(total, weights)

    assert sum(parts) == total
    assert len(parts) == len(weights)
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(total) * weight / whole
        assert abs(part - exact) < 1  # each part is its exact quota rounded down or up
        assert weight or part == 0


@settings(max_examples=300, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**9),
    percents=st.tuples(st.integers(0, 10000), st.integers(0, 10000)).filter(lambda p: p[0] + p[1] <= 10000),
)
def test_percent_split_with_cents_sums_exactly(total, percents):
    premi, pnbp = Decimal(percents[0]) / 100, Decimal(percents[1]) / 100
    parts = largest_remainder(total, [premi, pnbp, Decimal(100) - premi - pnbp])
    assert sum(parts) == total
    assert parts == largest_remainder(total, [premi, pnbp, Decimal(100) - premi - pnbp])  # deterministic


def test_ties_go_to_the_earlier_part():
    assert largest_remainder(1, [1, 1, 1]) == [1, 0, 0]
    assert largest_remainder(2, [1, 1, 1]) == [1, 1, 0]
    assert largest_remainder(100, [1, 1, 1]) == [34, 33, 33]


def test_largest_remainder_wins_the_leftover_rupiah():
    # 10 × 15% = 1.5, 10 × 45% = 4.5, 10 × 40% = 4: one rupiah left, tie between the first two → first.
    assert largest_remainder(10, [15, 45, 40]) == [2, 4, 4]
    # 7 split 1:2 → 2.33 / 4.67: the second has the larger remainder.
    assert largest_remainder(7, [1, 2]) == [2, 5]


@pytest.mark.parametrize("weights", [[], [0, 0], [-1, 2]])
def test_bad_weights_are_refused(weights):
    with pytest.raises(ValueError):
        largest_remainder(100, weights)


# --- split rules -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_rule_in_force_on_the_sale_date_is_used():
    facility = FacilityFactory()
    old = split_rule(facility, premi=50, pnbp=40, capital=10, effective_from=datetime.date(2026, 1, 1))
    new = split_rule(facility, premi=60, pnbp=30, capital=10, effective_from=datetime.date(2026, 7, 1))

    assert split_rule_for(facility, datetime.date(2026, 6, 30)) == old
    assert split_rule_for(facility, datetime.date(2026, 7, 1)) == new
    with pytest.raises(SplitRuleMissing):
        split_rule_for(facility, datetime.date(2025, 12, 31))
    with pytest.raises(SplitRuleMissing):
        split_rule_for(FacilityFactory(), datetime.date(2026, 7, 1))  # another facility's rules don't apply


@pytest.mark.django_db
def test_a_rule_must_sum_to_100():
    facility = FacilityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        split_rule(facility, premi=50, pnbp=40, capital=20)
    assert not SplitRule.objects.exists()


# --- sales from completed orders ------------------------------------------------------------------


def _complete(order, admin):
    order_confirm(actor=admin, order=order)
    order_mark_paid(actor=admin, order=order)
    order_ship(actor=admin, order=order, courier="JNE", receipt_number="JNE123")
    return order_complete(actor=admin, order=order)


@pytest.mark.django_db
def test_completed_order_writes_sales_split_among_makers():
    facility = FacilityFactory()
    admin = AdminFactory(facility=facility)
    ani, budi = LearnerFactory(facility=facility), LearnerFactory(facility=facility)
    split_rule(facility, premi=45, pnbp=35, capital=20)
    product = build_product(facility, price=33333, makers=[(ani, 2), (budi, 1)])

    _complete(place_order(product, quantity=1), admin)

    sale = Sale.objects.get()
    assert sale.amount == 33333
    # 45% = 14999.85, 35% = 11666.55, 20% = 6666.6 → floors 14999/11666/6666, 2 left: premi (.85), capital (.6)
    assert (sale.premi_amount, sale.pnbp_amount, sale.capital_amount) == (15000, 11666, 6667)
    shares = {a.learner_id: a.amount for a in PremiAllocation.objects.all()}
    assert shares == {ani.pk: 10000, budi.pk: 5000}


@pytest.mark.django_db
def test_recording_twice_adds_nothing():
    facility = FacilityFactory()
    admin = AdminFactory(facility=facility)
    split_rule(facility)
    product = build_product(facility, makers=[(LearnerFactory(facility=facility), 1)])
    order = _complete(place_order(product, quantity=2), admin)

    sales_record(order=order)

    assert Sale.objects.count() == 1 and PremiAllocation.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Sale.objects.create(
            **{
                f: getattr(Sale.objects.get(), f)
                for f in (
                    "order_line",
                    "facility",
                    "sold_on",
                    "title",
                    "quantity",
                    "amount",
                    "split_rule",
                    "premi_amount",
                    "pnbp_amount",
                    "capital_amount",
                )
            }
        )


@pytest.mark.django_db
def test_without_makers_the_premi_part_goes_to_capital():
    facility = FacilityFactory()
    split_rule(facility, premi=50, pnbp=40, capital=10)
    order = _complete(place_order(build_product(facility, price=10000)), AdminFactory(facility=facility))

    sale = Sale.objects.get(order_line__order=order)
    assert (sale.premi_amount, sale.pnbp_amount, sale.capital_amount) == (0, 4000, 6000)
    assert not PremiAllocation.objects.exists()


@pytest.mark.django_db
def test_completion_without_a_rule_is_refused_and_leaves_the_order_shipped():
    facility = FacilityFactory()
    admin = AdminFactory(facility=facility)
    order = place_order(build_product(facility))
    order_confirm(actor=admin, order=order)
    order_mark_paid(actor=admin, order=order)
    order_ship(actor=admin, order=order, courier="JNE", receipt_number="X1")

    with pytest.raises(SplitRuleMissing):
        order_complete(actor=admin, order=order)

    order.refresh_from_db()
    assert order.status == "shipped" and order.completed_at is None
    assert not Sale.objects.exists()


@pytest.mark.django_db
def test_a_cancelled_order_sells_nothing():
    facility = FacilityFactory()
    admin = AdminFactory(facility=facility)
    split_rule(facility)
    order = place_order(build_product(facility))
    order_cancel(actor=admin, order=order, comment="Pembeli membatalkan")
    assert not Sale.objects.exists()
