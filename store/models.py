"""The facilities' public store, as Wagtail pages: StoreRootPage → StoreIndexPage → ProductPage.

Products are made by promotion (``services.product_publish``) from work the store does not know
about: ``source_key`` names where a product came from and is unique, so a retried or concurrent
promotion can never make a second product for the same source.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

CATEGORY_CHOICES = [
    ("kerajinan", _("Crafts")),
    ("kuliner", _("Food")),
    ("fashion", _("Fashion")),
    ("lainnya", _("Other")),
]


class StoreRootPage(Page):
    """``/toko/``: the index of every facility's store."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["store.StoreIndexPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("store directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stores"] = StoreIndexPage.objects.child_of(self).live().select_related("facility").order_by("title")
        return context


class StoreIndexPage(Page):
    """``/toko/<facility code>/``: one facility's shop window."""

    facility = models.OneToOneField(
        "accounts.Facility", on_delete=models.PROTECT, related_name="store_page", verbose_name=_("facility")
    )
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["store.StoreRootPage"]
    subpage_types = ["store.ProductPage"]
    content_panels = Page.content_panels + [FieldPanel("facility"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("facility store")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        products = ProductPage.objects.child_of(self).live().order_by("-first_published_at")
        category = request.GET.get("kategori", "")
        if category in dict(CATEGORY_CHOICES):
            products = products.filter(category=category)
        context.update(products=products, categories=CATEGORY_CHOICES, category=category)
        return context


class ProductPage(Page):
    description = models.TextField(_("description"))
    price = models.PositiveIntegerField(_("price (Rp)"))
    category = models.CharField(_("category"), max_length=16, choices=CATEGORY_CHOICES)
    source_key = models.CharField(
        _("source"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The practice listing this product came from."),
    )
    inventory = models.ForeignKey(
        "store.InventoryItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("stock"),
        help_text=_("The workshop stock this product is sold from."),
    )

    parent_page_types = ["store.StoreIndexPage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        FieldPanel("category"),
        FieldPanel("price"),
        FieldPanel("description"),
        InlinePanel("photos", label=_("Photos")),
    ]

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")

    @property
    def facility(self):
        return self.get_parent().specific.facility

    @property
    def maker_line(self) -> str:
        """Public pages never name the learners who made a product."""
        return _("Made in the workshops of %(facility)s") % {"facility": self.facility.name}

    @property
    def cover(self):
        first = self.photos.first()
        return first.image if first else None


class ProductPhoto(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("image")]


class InventoryItem(models.Model):
    """Real stock from a workshop batch. ``reserved`` is held by open orders; never more than ``quantity``.

    Products (and variants) point at an item; orders reserve from it and release on cancellation, so
    the available count is ``quantity - reserved`` and the database refuses it ever going negative.
    """

    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="inventory_items", verbose_name=_("facility")
    )
    name = models.CharField(_("name"), max_length=255)
    batch_code = models.CharField(_("workshop batch"), max_length=64, blank=True)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    unit_cost = models.PositiveIntegerField(_("unit cost (Rp)"), default=0)
    quantity = models.PositiveIntegerField(_("quantity in stock"), default=0)
    reserved = models.PositiveIntegerField(_("reserved by orders"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reserved__lte=models.F("quantity")), name="inventory_reserved_lte_quantity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.batch_code})" if self.batch_code else self.name

    @property
    def available(self) -> int:
        return self.quantity - self.reserved


class ProductMaker(Orderable):
    """A learner credited for a product, with a relative share of its premi (weights, e.g. 1 and 1)."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="makers")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="products_made", verbose_name=_("maker")
    )
    share = models.PositiveSmallIntegerField(_("share"), default=1)

    class Meta(Orderable.Meta):
        verbose_name = _("maker")
        verbose_name_plural = _("makers")
        constraints = [models.UniqueConstraint(fields=["page", "learner"], name="product_maker_once")]


class ProductVariant(Orderable):
    """A size or colour with its own price; stock from its own inventory item, else the product's."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("variant"), max_length=64)
    price = models.PositiveIntegerField(_("price (Rp)"))
    inventory = models.ForeignKey(
        InventoryItem, null=True, blank=True, on_delete=models.PROTECT, related_name="variants", verbose_name=_("stock")
    )

    panels = [FieldPanel("name"), FieldPanel("price"), FieldPanel("inventory")]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")


# Orders and the sales ledger live in their own modules; imported here so Django finds them.
from .ledger_models import PremiAllocation, Sale, SplitRule  # noqa: E402
from .order_models import Order, OrderLine, OrderStatusChange  # noqa: E402

__all__ = [
    "CATEGORY_CHOICES",
    "InventoryItem",
    "Order",
    "OrderLine",
    "OrderStatusChange",
    "PremiAllocation",
    "ProductMaker",
    "ProductPage",
    "ProductPhoto",
    "ProductVariant",
    "Sale",
    "SplitRule",
    "StoreIndexPage",
    "StoreRootPage",
]
