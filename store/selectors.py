"""Reads for the public storefront: what is live, filtered, with everything a card shows in few queries."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from lms.accounts import permissions

from .models import ProductPage, ProductPhoto, ProductVariant, StoreIndexPage


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
