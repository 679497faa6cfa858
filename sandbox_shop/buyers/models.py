"""Practice buyers for an approved listing: their chat messages, the learner's answers and practice orders.

One ``BuyerScenario`` per listing (the natural key of the job that builds it); inside it each message
and order has its own template key, unique per scenario, so a job that runs twice or dies midway
fills in what is missing and never makes a second copy. ``ready_at`` is set once everything is made.
The practice clock of a message starts when the learner first sees it (``appeared_at``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts import permissions


class ScenarioQuerySet(models.QuerySet):
    def visible_to(self, user):
        return permissions.scope(self, user, facility="facility", owner="learner")


class BuyerScenario(models.Model):
    listing = models.OneToOneField(
        "sandbox_shop.PracticeListing",
        on_delete=models.CASCADE,
        related_name="buyer_scenario",
        verbose_name=_("listing"),
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="buyer_scenarios", verbose_name=_("learner")
    )
    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="buyer_scenarios", verbose_name=_("facility")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice buyer scenario")
        verbose_name_plural = _("practice buyer scenarios")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.listing)


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        return permissions.scope(self, user, facility="scenario__facility", owner="scenario__learner")


class BuyerMessage(models.Model):
    scenario = models.ForeignKey(BuyerScenario, on_delete=models.CASCADE, related_name="messages")
    key = models.CharField(_("template"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    buyer_name = models.CharField(_("buyer"), max_length=60)
    city = models.CharField(_("city"), max_length=60)
    body = models.TextField(_("message"))
    # Groups of words; an answer that has a word of every group answers the question.
    keywords = models.JSONField(default=list)
    appeared_at = models.DateTimeField(_("appeared at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    checks = models.JSONField(default=list)  # [{"rule": id, "passed": bool, "points": n, "max": n}]

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice buyer message")
        verbose_name_plural = _("practice buyer messages")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["scenario", "key"], name="buyer_message_key_unique")]

    def __str__(self) -> str:
        return f"{self.buyer_name}: {self.key}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class PracticeOrder(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONFIRMED = "confirmed", _("Confirmed")
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")

    class Courier(models.TextChoices):
        JNE = "jne", "JNE"
        JNT = "jnt", "J&T Express"
        SICEPAT = "sicepat", "SiCepat"

    scenario = models.ForeignKey(BuyerScenario, on_delete=models.CASCADE, related_name="orders")
    key = models.CharField(_("template"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    buyer_name = models.CharField(_("buyer"), max_length=60)
    city = models.CharField(_("city"), max_length=60)
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    variant = models.CharField(_("variant"), max_length=40, blank=True)
    unit_price = models.PositiveIntegerField(_("price (Rp)"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    courier = models.CharField(_("courier"), max_length=12, choices=Courier.choices, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    packed_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice order")
        verbose_name_plural = _("practice orders")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "key"], name="practice_order_key_unique"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="practice_order_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.buyer_name}: {self.quantity} × {self.scenario}"

    @property
    def total(self) -> int:
        return self.quantity * self.unit_price
