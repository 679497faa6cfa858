"""Reads on the store, always through the one permission layer: the public storefront (what is live,
filtered, with everything a card shows in few queries), orders and the ledger."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet, Sum

from lms.accounts import permissions

from .ledger_models import PremiAllocation, Sale
from .models import ProductPage, ProductPhoto, ProductVariant, StoreIndexPage
from .order_models import Order


def storefront_products(*, store: StoreIndexPage, category: str = "", query: str = ""):
    products = _with_details(ProductPage.objects.child_of(store).live()).order_by("-first_published_at", "pk")
    if category:
        products = products.filter(category=category)
    if query:
        products = products.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return products


def _with_details(products):
    return products.select_related("inventory").prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.select_related("image").order_by("sort_order")),
        Prefetch("variants", queryset=ProductVariant.objects.select_related("inventory")),
    )


def facility_for_store_officer(user, code: str):
    """The facility with ``code`` if ``user`` may see it, else None."""
    return permissions.facilities_visible_to(user).filter(code=code).first()


def facility_products(*, facility):
    """Every live product of the facility's store, with photos, variants and stock; empty without a store."""
    store = StoreIndexPage.objects.filter(facility=facility).first()
    if store is None:
        return ProductPage.objects.none()
    return _with_details(ProductPage.objects.child_of(store).live()).order_by("title", "pk")


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
