"""Orders from the public store, without a payment gateway (bank transfer, COD or pickup).

An order reserves stock on its ``InventoryItem`` when it is placed; the workflow (``store.workflow``)
moves it on and releases or consumes that reservation. Status changes only happen there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import InventoryItem, ProductPage, ProductVariant


class Order(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONFIRMED = "confirmed", _("Confirmed")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class Payment(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer")
        COD = "cod", _("Cash on delivery (COD)")
        PICKUP = "pickup", _("Pick up at the facility")

    number = models.CharField(_("order number"), max_length=32, unique=True)
    # The buyer's link to their order page: unguessable, unlike the number they may read out on the phone.
    public_token = models.CharField(max_length=32, unique=True, editable=False)
    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="orders", verbose_name=_("facility")
    )
    buyer_name = models.CharField(_("name"), max_length=120)
    buyer_phone = models.CharField(_("phone number"), max_length=20)
    buyer_address = models.TextField(_("address"))
    payment_method = models.CharField(_("payment"), max_length=16, choices=Payment.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    courier = models.CharField(_("courier"), max_length=64, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=64, blank=True)
    total = models.PositiveBigIntegerField(_("total (Rp)"))
    created_at = models.DateTimeField(_("ordered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["facility", "status", "created_at"], name="store_order_facility_status")]

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    """What was ordered, with the price and stock it was ordered from (copied: products change)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    product = models.ForeignKey(
        ProductPage, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("product")
    )
    variant = models.ForeignKey(
        ProductVariant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
        verbose_name=_("variant"),
    )
    inventory = models.ForeignKey(
        InventoryItem, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("stock")
    )
    title = models.CharField(_("product"), max_length=255)
    variant_name = models.CharField(_("variant"), max_length=64, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.PositiveIntegerField(_("unit price (Rp)"))

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gte=1), name="order_line_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.title} × {self.quantity}"

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


class OrderStatusChange(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Order.Status.choices)
    to_status = models.CharField(max_length=16, choices=Order.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status} → {self.to_status}"
