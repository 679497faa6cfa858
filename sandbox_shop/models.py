"""A learner's practice listing for a workshop product, its photos and its review history.

The status only ever changes through ``workflow.py``; each change leaves a ListingStatusChange row.
An approved listing is promoted by copying it into the real store; the listing stays as the
learner's own work and keeps a link to the product made from it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts import permissions
from lms.storage import private_storage

from .categories import SUBCATEGORY_CHOICES, is_packaged_food


class ListingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return permissions.scope(self, user, facility="facility", owner="learner")


class PracticeListing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        PROMOTED = "promoted", _("In the store")
        # A promoted listing being changed: the store keeps the last approved revision until the next approval.
        REVISING = "revising", _("New revision (store unchanged)")

    class Category(models.TextChoices):
        CRAFT = "kerajinan", _("Crafts")
        FOOD = "kuliner", _("Food")
        FASHION = "fashion", _("Fashion")
        OTHER = "lainnya", _("Other")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="listings", verbose_name=_("learner")
    )
    facility = models.ForeignKey(
        "accounts.Facility", on_delete=models.PROTECT, related_name="listings", verbose_name=_("facility")
    )

    class Marketplace(models.TextChoices):
        SHOPEE = "shopee", "Shopee"
        TIKTOK_TOKOPEDIA = "tiktok_tokopedia", "TikTok Shop / Tokopedia"

    class Halal(models.TextChoices):
        CERTIFIED = "certified", _("Halal certificate (BPJPH)")
        SELF_DECLARE = "self_declare", _("Halal self-declare (in process)")
        NOT_HALAL = "not_halal", _("Not halal (says so on the label)")

    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    subcategory = models.CharField(_("subcategory"), max_length=32, choices=SUBCATEGORY_CHOICES, blank=True)
    marketplace = models.CharField(
        _("practise for"), max_length=20, choices=Marketplace.choices, default=Marketplace.SHOPEE
    )
    title = models.CharField(_("product name"), max_length=255)
    description = models.TextField(_("description"), max_length=3000)
    price = models.PositiveIntegerField(
        _("price (Rp)"), validators=[MinValueValidator(1, message=_("The price must be more than Rp0."))]
    )
    # Cost of making one item (HPP = their sum), in whole rupiah; see pricing.py.
    cost_materials = models.PositiveIntegerField(_("materials (Rp)"), default=0)
    cost_labour = models.PositiveIntegerField(_("labour (Rp)"), default=0)
    cost_packaging = models.PositiveIntegerField(_("packaging (Rp)"), default=0)
    cost_other = models.PositiveIntegerField(_("other costs (Rp)"), default=0)
    markup_percent = models.PositiveSmallIntegerField(
        _("profit wanted (% of HPP)"), default=40, validators=[MaxValueValidator(500)]
    )
    stock = models.PositiveIntegerField(_("stock"), default=1)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    length_cm = models.PositiveSmallIntegerField(_("package length (cm)"), null=True, blank=True)
    width_cm = models.PositiveSmallIntegerField(_("package width (cm)"), null=True, blank=True)
    height_cm = models.PositiveSmallIntegerField(_("package height (cm)"), null=True, blank=True)
    # Legality facts, stored as digits/letters only (forms normalise what the learner types).
    nib = models.CharField(
        _("NIB"), max_length=13, blank=True, validators=[RegexValidator(r"^\d{13}$", _("A NIB has 13 digits."))]
    )
    spp_irt_number = models.CharField(
        _("SPP-IRT number"),
        max_length=15,
        blank=True,
        validators=[RegexValidator(r"^\d{12,15}$", _("An SPP-IRT (P-IRT) number has 12 to 15 digits."))],
    )
    bpom_md_number = models.CharField(
        _("BPOM MD number"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{12}$", _("A BPOM MD number has 12 digits after “MD”."))],
    )
    halal_status = models.CharField(_("halal status"), max_length=16, choices=Halal.choices, blank=True)
    halal_number = models.CharField(
        _("halal certificate number"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Z0-9]{8,30}$", _("A halal certificate number has 8 to 30 letters and digits."))
        ],
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    review_comment = models.TextField(_("officer's comment"), blank=True)
    product = models.OneToOneField(
        "store.ProductPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_listing",
        verbose_name=_("store product"),
    )
    # The approved revision the store product was last copied from (None: promoted before revisions were kept).
    product_revision = models.ForeignKey(
        "ListingRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision in the store"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice listing")
        verbose_name_plural = _("practice listings")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="listing_price_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED, self.Status.REVISING}

    @property
    def cover(self):
        return self.photos.first()

    @property
    def hpp(self) -> int:
        from .pricing import hpp

        return hpp(
            materials=self.cost_materials, labour=self.cost_labour, packaging=self.cost_packaging, other=self.cost_other
        )

    @property
    def suggested_price(self) -> int | None:
        from .pricing import suggested_price

        return suggested_price(cost=self.hpp, markup_percent=self.markup_percent) if self.hpp else None

    @property
    def margin(self):
        from .pricing import margin

        return margin(price=self.price or 0, cost=self.hpp)

    @property
    def is_packaged_food(self) -> bool:
        return is_packaged_food(self.category, self.subcategory)


class ListingVariant(models.Model):
    """One buyable option of a listing (a size, a colour, a flavour), with its own price and stock."""

    listing = models.ForeignKey(PracticeListing, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("variant"), max_length=40)
    price = models.PositiveIntegerField(
        _("price (Rp)"), validators=[MinValueValidator(1, message=_("The price must be more than Rp0."))]
    )
    stock = models.PositiveIntegerField(_("stock"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "name"], name="listing_variant_name_unique"),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="listing_variant_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.listing}: {self.name}"


class ListingPhoto(models.Model):
    listing = models.ForeignKey(PracticeListing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"),
        upload_to="sandbox/photos/%Y/%m/",
        storage=private_storage,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    # Made by tasks.make_photo_thumbnail after the upload has committed; empty until then.
    thumbnail = models.ImageField(_("thumbnail"), upload_to="sandbox/thumbs/", storage=private_storage, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("listing photo")
        verbose_name_plural = _("listing photos")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.listing} #{self.position}"


class ListingStatusChange(models.Model):
    listing = models.ForeignKey(PracticeListing, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=PracticeListing.Status.choices)
    to_status = models.CharField(max_length=20, choices=PracticeListing.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("listing status change")
        verbose_name_plural = _("listing status changes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.listing}: {self.from_status} → {self.to_status}"


class ListingRevision(models.Model):
    """What the learner submitted, frozen: one row per submission, never changed afterwards.

    ``data`` holds the listing's fields as JSON (see ``revisions.snapshot``), with its variants and
    photo ids, so officers can compare any submission with the one before it.
    """

    listing = models.ForeignKey(PracticeListing, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    data = models.JSONField(_("submitted listing"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing revision")
        verbose_name_plural = _("listing revisions")
        ordering = ["listing", "number"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "number"], name="listing_revision_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="listing_revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.listing} r{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("a listing revision is immutable")
        super().save(*args, **kwargs)


def _score_in_range(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{name}__isnull": True}) | models.Q(**{f"{name}__gte": 1, f"{name}__lte": 4}),
        name=f"listing_review_{name}_1_to_4",
    )


RUBRIC_FIELDS = ("score_photos", "score_title", "score_description", "score_price", "score_legality")


class ListingReview(models.Model):
    """An officer's decision on one revision, with the rubric scores (1–4 each) and per-field comments.

    Scores are all given or all empty (reviews made by scripts and older reviews carry none); the
    review page always asks for them.
    """

    class Decision(models.TextChoices):
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")

    listing = models.ForeignKey(PracticeListing, on_delete=models.CASCADE, related_name="reviews")
    revision = models.ForeignKey(ListingRevision, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    score_photos = models.PositiveSmallIntegerField(_("photos"), null=True, blank=True)
    score_title = models.PositiveSmallIntegerField(_("product name"), null=True, blank=True)
    score_description = models.PositiveSmallIntegerField(_("description"), null=True, blank=True)
    score_price = models.PositiveSmallIntegerField(_("price"), null=True, blank=True)
    score_legality = models.PositiveSmallIntegerField(_("permits and halal"), null=True, blank=True)
    created_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing review")
        verbose_name_plural = _("listing reviews")
        ordering = ["created_at", "pk"]
        constraints = [
            *(_score_in_range(name) for name in RUBRIC_FIELDS),
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__isnull": True for name in RUBRIC_FIELDS})
                | models.Q(**{f"{name}__isnull": False for name in RUBRIC_FIELDS}),
                name="listing_review_scores_all_or_none",
            ),
            models.UniqueConstraint(fields=["revision"], name="listing_review_one_per_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.revision}: {self.decision}"

    @property
    def scores(self) -> dict[str, int | None]:
        return {name.removeprefix("score_"): getattr(self, name) for name in RUBRIC_FIELDS}

    @property
    def has_scores(self) -> bool:
        return self.score_photos is not None


class FieldComment(models.Model):
    """An officer's note on one field of the reviewed revision, shown to the learner next to that field."""

    review = models.ForeignKey(ListingReview, on_delete=models.CASCADE, related_name="field_comments")
    field = models.CharField(_("field"), max_length=32)
    text = models.TextField(_("comment"), max_length=1000)

    class Meta:
        verbose_name = _("field comment")
        verbose_name_plural = _("field comments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "field"], name="field_comment_one_per_field"),
            models.CheckConstraint(condition=~models.Q(text=""), name="field_comment_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.field}"
