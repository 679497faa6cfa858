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


HALAL_CHOICES = [
    ("certified", _("Halal certificate (BPJPH)")),
    ("self_declare", _("Halal self-declare (in process)")),
    ("not_halal", _("Not halal (says so on the label)")),
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
        stores = list(StoreIndexPage.objects.child_of(self).live().select_related("facility__region").order_by("title"))
        for store in stores:
            store.product_count = ProductPage.objects.child_of(store).live().count()
        context["stores"] = stores
        return context


class StoreIndexPage(Page):
    """``/toko/<facility code>/``: one facility's shop window."""

    facility = models.OneToOneField(
        "accounts.Facility", on_delete=models.PROTECT, related_name="store_page", verbose_name=_("facility")
    )
    intro = models.TextField(_("introduction"), blank=True)
    shopee_url = models.URLField(_("Shopee shop address"), blank=True)
    tokopedia_url = models.URLField(_("Tokopedia shop address"), blank=True)
    tiktok_url = models.URLField(_("TikTok Shop address"), blank=True)

    parent_page_types = ["store.StoreRootPage"]
    subpage_types = ["store.ProductPage"]
    content_panels = Page.content_panels + [
        FieldPanel("facility"),
        FieldPanel("intro"),
        FieldPanel("shopee_url"),
        FieldPanel("tokopedia_url"),
        FieldPanel("tiktok_url"),
    ]

    class Meta:
        verbose_name = _("facility store")

    @property
    def marketplace_links(self) -> list[tuple[str, str]]:
        links = [("Shopee", self.shopee_url), ("Tokopedia", self.tokopedia_url), ("TikTok Shop", self.tiktok_url)]
        return [(name, url) for name, url in links if url]

    def get_context(self, request, *args, **kwargs):
        from .selectors import storefront_products

        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("kategori", "")
        if category not in dict(CATEGORY_CHOICES):
            category = ""
        query = request.GET.get("q", "").strip()[:100]
        context.update(
            products=storefront_products(store=self, category=category, query=query),
            categories=CATEGORY_CHOICES,
            category=category,
            query=query,
        )
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
    subcategory = models.CharField(_("subcategory"), max_length=32, blank=True)
    # Legality facts copied from the listing (digits/letters only) and shipping facts for marketplaces.
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    spp_irt_number = models.CharField(_("SPP-IRT number"), max_length=15, blank=True)
    bpom_md_number = models.CharField(_("BPOM MD number"), max_length=12, blank=True)
    halal_status = models.CharField(_("halal status"), max_length=16, choices=HALAL_CHOICES, blank=True)
    halal_number = models.CharField(_("halal certificate number"), max_length=30, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    length_cm = models.PositiveSmallIntegerField(_("package length (cm)"), null=True, blank=True)
    width_cm = models.PositiveSmallIntegerField(_("package width (cm)"), null=True, blank=True)
    height_cm = models.PositiveSmallIntegerField(_("package height (cm)"), null=True, blank=True)

    parent_page_types = ["store.StoreIndexPage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        FieldPanel("category"),
        FieldPanel("price"),
        FieldPanel("description"),
        FieldPanel("inventory"),
        FieldPanel("weight_grams"),
        FieldPanel("length_cm"),
        FieldPanel("width_cm"),
        FieldPanel("height_cm"),
        FieldPanel("nib"),
        FieldPanel("spp_irt_number"),
        FieldPanel("bpom_md_number"),
        FieldPanel("halal_status"),
        FieldPanel("halal_number"),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("variants", label=_("Variants")),
    ]

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")

    @property
    def facility(self):
        return self.get_parent().specific.facility

    @property
    def maker_line(self) -> str:
        """Public pages never name the learners who made a product: "Karya WBP Lapas …"."""
        return _("Made by inmates of %(facility)s") % {"facility": self.facility.name}

    @property
    def sku(self) -> str:
        """The parent SKU on marketplaces: facility code and product number, stable for the page's life."""
        return f"{self.facility.code}-{self.pk:05d}"

    @property
    def available(self) -> int:
        """Units that can still be ordered: the product's stock plus its variants' own stock."""
        items = {self.inventory} if self.inventory_id else set()
        items |= {variant.inventory for variant in self.variants.all() if variant.inventory_id}
        return sum(item.available for item in items)

    @property
    def stock_state(self) -> str:
        available = self.available
        if available <= 0:
            return "sold_out"
        return "low" if available <= settings.STORE_LOW_STOCK else "available"

    @property
    def is_halal_certified(self) -> bool:
        return self.halal_status == "certified" and bool(self.halal_number)

    @property
    def cover(self):
        photos = list(self.photos.all()[:1])  # uses the storefront's prefetch when there is one
        return photos[0].image if photos else None


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


class Promotion(models.Model):
    """An officer's decision to sell something in the store: which stock, which makers.

    Written by ``services.promotion_request`` before the publishing job runs, so the job (and any
    rerun of it) finds everything it needs under the one ``source_key``; the product it made is
    linked back here.
    """

    source_key = models.CharField(_("source"), max_length=80, unique=True)
    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="promotions", verbose_name=_("facility")
    )
    inventory = models.ForeignKey(
        InventoryItem, on_delete=models.PROTECT, related_name="promotions", verbose_name=_("stock")
    )
    # [[learner id, share], ...] in the order the officer named them.
    makers = models.JSONField(_("makers"), default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    product = models.OneToOneField(
        ProductPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="promotion"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")

    def __str__(self) -> str:
        return self.source_key


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
    "Promotion",
    "Sale",
    "SplitRule",
    "StoreIndexPage",
    "StoreRootPage",
]
