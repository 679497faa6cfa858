"""Placing an order on the public store (kept apart from ``services.py``, which holds promotion).

Stock is reserved in the same transaction that writes the order, by one conditional UPDATE
(``reserved = reserved + n WHERE quantity - reserved >= n``): two buyers racing for the last items
cannot both get them, because the database re-checks the condition on the row the first one wrote.
The check constraint ``inventory_reserved_lte_quantity`` stands behind it.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record

from .models import InventoryItem, ProductPage, ProductVariant
from .order_models import Order, OrderLine, OrderStatusChange

MAX_QUANTITY = 99
_PHONE_NOISE = re.compile(r"[\s\-.()]")


class OutOfStock(Exception):
    def __init__(self, available: int):
        self.available = available
        super().__init__(
            _("Not enough stock: %(available)s left.") % {"available": available}
            if available > 0
            else _("Sorry, this product is sold out.")
        )


def phone_normalise(raw: str) -> str:
    """An Indonesian mobile number (08…, +62…, 62…) as ``+628…``; anything else is refused."""
    number = _PHONE_NOISE.sub("", raw or "")
    if number.startswith("+62"):
        national = number[3:]
    elif number.startswith("62"):
        national = number[2:]
    elif number.startswith("0"):
        national = number[1:]
    else:
        national = ""
    if national.startswith("0"):  # "+62 0812…" is a common way of writing it
        national = national[1:]
    if not re.fullmatch(r"8\d{7,11}", national):
        raise ValidationError(
            _("Enter an Indonesian mobile number, e.g. 0812 3456 7890 or +62 812 3456 7890."), code="phone"
        )
    return "+62" + national


@dataclass(frozen=True)
class OrderRequest:
    product: ProductPage
    variant: ProductVariant | None
    quantity: int
    buyer_name: str
    buyer_phone: str
    buyer_address: str
    payment_method: str


def stock_for(product: ProductPage, variant: ProductVariant | None) -> InventoryItem | None:
    return (variant.inventory if variant is not None and variant.inventory_id else None) or product.inventory


def _new_number(facility) -> str:
    return f"{facility.code}-{timezone.localdate():%y%m%d}-{secrets.token_hex(3).upper()}"


def stock_reserve(*, item_id: int, quantity: int) -> None:
    """Hold ``quantity`` of the item for an order, or raise ``OutOfStock``. Call inside a transaction."""
    held = InventoryItem.objects.filter(pk=item_id, quantity__gte=F("reserved") + quantity).update(
        reserved=F("reserved") + quantity, updated_at=timezone.now()
    )
    if not held:
        item = InventoryItem.objects.get(pk=item_id)
        raise OutOfStock(item.available)


def order_place(*, request: OrderRequest) -> Order:
    """Write the order and reserve its stock, all or nothing. Buyers are anonymous: no actor."""
    product = request.product
    if request.variant is not None and request.variant.page_id != product.pk:
        raise ValidationError(_("Choose one of this product's variants."), code="variant")
    if not 1 <= request.quantity <= MAX_QUANTITY:
        raise ValidationError(_("Order between 1 and %(max)s items.") % {"max": MAX_QUANTITY}, code="quantity")
    item = stock_for(product, request.variant)
    if item is None or not product.live:
        raise OutOfStock(0)
    facility = product.facility
    unit_price = request.variant.price if request.variant is not None else product.price
    for _attempt in range(5):
        try:
            with transaction.atomic():
                stock_reserve(item_id=item.pk, quantity=request.quantity)
                order = Order.objects.create(
                    number=_new_number(facility),
                    public_token=secrets.token_urlsafe(18),
                    facility=facility,
                    buyer_name=request.buyer_name.strip(),
                    buyer_phone=phone_normalise(request.buyer_phone),
                    buyer_address=request.buyer_address.strip(),
                    payment_method=request.payment_method,
                    total=unit_price * request.quantity,
                )
                OrderLine.objects.create(
                    order=order,
                    product=product,
                    variant=request.variant,
                    inventory=item,
                    title=product.title,
                    variant_name=request.variant.name if request.variant is not None else "",
                    quantity=request.quantity,
                    unit_price=unit_price,
                )
                OrderStatusChange.objects.create(order=order, from_status="", to_status=Order.Status.NEW)
                audit_record(
                    actor=None,
                    action="order.place",
                    target=order,
                    facility=facility,
                    data={"product": product.pk, "quantity": request.quantity, "payment": request.payment_method},
                )
                return order
        except IntegrityError:
            # Only the random number or token can collide; the reservation was rolled back with it.
            continue
    raise RuntimeError("could not give the order a unique number")


class TooManyOrders(Exception):
    def __init__(self, message: str | None = None):
        super().__init__(
            message or _("Too many orders from this phone number. Please wait a while or call the facility.")
        )


def _count_attempt(key: str, window: int) -> int:
    from django.core.cache import cache

    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def order_rate_check(*, ip: str | None, phone: str) -> None:
    """Count an order attempt in the shared cache; refuse past either limit.

    ``STORE_ORDER_RATE`` (attempts, seconds) is per client address *and* phone number, so one buyer
    cannot flood the facility with orders while a shared address (a café, an office) does not lock
    out everyone behind it. ``STORE_ORDER_IP_RATE``, much higher, is per address alone, so a bot
    cannot get round the first limit by making up a new number for every order.
    """
    import hashlib

    from django.conf import settings

    def key(kind: str, value: str) -> str:
        return f"store:order-rate:{kind}:" + hashlib.sha256(value.encode()).hexdigest()[:32]

    limit, window = getattr(settings, "STORE_ORDER_RATE", (5, 3600))
    ip_limit, ip_window = getattr(settings, "STORE_ORDER_IP_RATE", (30, 3600))
    if ip and _count_attempt(key("ip", ip), ip_window) > ip_limit:
        raise TooManyOrders(_("Too many orders from this network. Please wait a while or call the facility."))
    if _count_attempt(key("phone", f"{ip or '-'}|{phone}"), window) > limit:
        raise TooManyOrders()
