"""The sales ledger: what a completed order sold, and how each sale is split.

Every facility sets its own split of a sale (premi for the makers, PNBP for the state, production
capital) with the date it takes effect; a sale uses the rule in force on its date. Amounts are whole
rupiah; the parts of a sale always add up to it exactly (see ``store.ledger``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .order_models import OrderLine

PERCENT = {"max_digits": 5, "decimal_places": 2}


class SplitRule(models.Model):
    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="split_rules", verbose_name=_("facility")
    )
    effective_from = models.DateField(_("effective from"))
    premi_percent = models.DecimalField(_("premi for the makers (%)"), **PERCENT)
    pnbp_percent = models.DecimalField(_("PNBP for the state (%)"), **PERCENT)
    capital_percent = models.DecimalField(_("production capital (%)"), **PERCENT)
    note = models.CharField(_("basis"), max_length=255, blank=True, help_text=_("E.g. the decree that sets it."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("split rule")
        verbose_name_plural = _("split rules")
        ordering = ["facility", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "effective_from"], name="split_rule_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(premi_percent__gte=0, pnbp_percent__gte=0, capital_percent__gte=0),
                name="split_rule_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(premi_percent=Decimal(100) - models.F("pnbp_percent") - models.F("capital_percent")),
                name="split_rule_sums_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.effective_from}: {self.premi_percent}/{self.pnbp_percent}/{self.capital_percent}"


class Sale(models.Model):
    """One ledger line per order line, written when the order completes (once: the line is unique)."""

    order_line = models.OneToOneField(OrderLine, on_delete=models.PROTECT, related_name="sale")
    facility = models.ForeignKey("accounts.Facility", on_delete=models.PROTECT, related_name="sales")
    sold_on = models.DateField(_("date"))
    title = models.CharField(_("product"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"))
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    split_rule = models.ForeignKey(SplitRule, on_delete=models.PROTECT, related_name="sales")
    premi_amount = models.PositiveBigIntegerField(_("premi (Rp)"))
    pnbp_amount = models.PositiveBigIntegerField(_("PNBP (Rp)"))
    capital_amount = models.PositiveBigIntegerField(_("production capital (Rp)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        ordering = ["sold_on", "pk"]
        indexes = [models.Index(fields=["facility", "sold_on"], name="store_sale_facility_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    amount=models.F("premi_amount") + models.F("pnbp_amount") + models.F("capital_amount")
                ),
                name="sale_parts_sum_to_amount",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} × {self.quantity}"


class PremiAllocation(models.Model):
    """A maker's part of one sale's premi, by their share weight on the product."""

    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="allocations")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="premi_allocations")
    share = models.PositiveSmallIntegerField(_("share"))
    amount = models.PositiveBigIntegerField(_("premi (Rp)"))

    class Meta:
        verbose_name = _("premi allocation")
        verbose_name_plural = _("premi allocations")
        ordering = ["sale__sold_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["sale", "learner"], name="premi_once_per_sale_and_maker")]

    def __str__(self) -> str:
        return f"{self.sale} → {self.learner_id}: {self.amount}"
