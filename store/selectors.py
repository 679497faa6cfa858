"""Reads on orders and the ledger, always through the one permission layer."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet, Sum

from lms.accounts import permissions

from .ledger_models import PremiAllocation, Sale
from .order_models import Order


def orders_visible_to(user) -> QuerySet[Order]:
    """Officers see their facility's (or region's) orders; learners and buyers none (buyers use their link)."""
    if not permissions.is_officer(user):
        return Order.objects.none()
    return permissions.scope(Order.objects.all(), user, facility="facility")


def premi_visible_to(user) -> QuerySet[PremiAllocation]:
    return permissions.scope(
        PremiAllocation.objects.select_related("sale", "sale__order_line__order"),
        user,
        facility="sale__facility",
        owner="learner",
    )


def premi_statement(*, user, learner, month: datetime.date | None = None) -> dict:
    """One learner's premi lines (optionally of one month) and their total, as ``user`` may see them."""
    rows = premi_visible_to(user).filter(learner=learner).order_by("sale__sold_on", "pk")
    if month is not None:
        rows = rows.filter(sale__sold_on__year=month.year, sale__sold_on__month=month.month)
    return {
        "learner": learner,
        "rows": rows,
        "total": rows.aggregate(total=Sum("amount"))["total"] or 0,
        "month": month,
    }


def month_sales(*, facility, month: datetime.date) -> tuple[QuerySet[Sale], dict]:
    """A facility's sale lines of one month and the totals of each part (the PNBP report)."""
    sales = Sale.objects.filter(facility=facility, sold_on__year=month.year, sold_on__month=month.month).select_related(
        "order_line__order", "split_rule"
    )
    totals = sales.aggregate(
        amount=Sum("amount"), premi=Sum("premi_amount"), pnbp=Sum("pnbp_amount"), capital=Sum("capital_amount")
    )
    return sales, {key: value or 0 for key, value in totals.items()}
