"""A learner's practice listing for a workshop product, its photos and its review history.

The status only ever changes through ``workflow.py``; each change leaves a ListingStatusChange row.
An approved listing is promoted by copying it into the real store; the listing stays as the
learner's own work and keeps a link to the product made from it.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts import permissions
from lms.storage import private_storage


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
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    title = models.CharField(_("product name"), max_length=120)
    description = models.TextField(_("description"), max_length=3000)
    price = models.PositiveIntegerField(
        _("price (Rp)"), validators=[MinValueValidator(1, message=_("The price must be more than Rp0."))]
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
        return self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED}

    @property
    def cover(self):
        return self.photos.first()


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
