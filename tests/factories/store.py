"""Store products with real stock and makers, split rules, and orders, made directly (no promotion)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from store.models import InventoryItem, ProductMaker, ProductPage, ProductVariant, SplitRule
from store.order_services import OrderRequest, order_place

from .content import build_store


def build_product(
    facility,
    *,
    title: str = "Tas Anyaman",
    price: int = 50000,
    stock: int = 10,
    makers=(),
    variants=(),
    slug: str | None = None,
) -> ProductPage:
    """A live product of ``facility`` selling from a new inventory item of ``stock`` items.

    ``makers``: ``[(learner, share), ...]``; ``variants``: ``[(name, price, own_stock or None), ...]``.
    """
    store = build_store(facility)
    item = InventoryItem.objects.create(facility=facility, name=title, batch_code="B1", quantity=stock)
    product = ProductPage(
        title=title,
        slug=slug or f"produk-{ProductPage.objects.count() + 1}",
        description="Buatan bengkel kerja.",
        price=price,
        category="kerajinan",
        inventory=item,
    )
    store.add_child(instance=product)
    for n, (learner, share) in enumerate(makers):
        ProductMaker.objects.create(page=product, learner=learner, share=share, sort_order=n)
    for n, (name, variant_price, own_stock) in enumerate(variants):
        own = None
        if own_stock is not None:
            own = InventoryItem.objects.create(facility=facility, name=f"{title} {name}", quantity=own_stock)
        ProductVariant.objects.create(page=product, name=name, price=variant_price, inventory=own, sort_order=n)
    product.save_revision().publish()
    return ProductPage.objects.get(pk=product.pk)


def split_rule(
    facility, *, premi=50, pnbp=40, capital=10, effective_from: datetime.date = datetime.date(2020, 1, 1)
) -> SplitRule:
    return SplitRule.objects.create(
        facility=facility,
        effective_from=effective_from,
        premi_percent=Decimal(premi),
        pnbp_percent=Decimal(pnbp),
        capital_percent=Decimal(capital),
    )


def place_order(product, *, quantity: int = 1, variant=None, payment: str = "transfer", phone: str = "081234567890"):
    return order_place(
        request=OrderRequest(
            product=product,
            variant=variant,
            quantity=quantity,
            buyer_name="Budi Pembeli",
            buyer_phone=phone,
            buyer_address="Jl. Merdeka 1, Kalianda",
            payment_method=payment,
        )
    )
