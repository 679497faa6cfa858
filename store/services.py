"""Writes on the store. How anything (today: an approved practice listing) becomes a live product.

Two steps, so that a background job never has to guess: ``promotion_request`` records the officer's
decision (real stock, the makers and their shares) under the source's key; ``product_publish``, run
by the caller's job, creates and publishes the product from that record exactly once — the
database's unique ``source_key`` makes a retried or concurrent run find the first one's product.
``product_refresh`` and ``product_unpublish`` change a product later. The store never imports the
apps that call it.
"""

from __future__ import annotations

import contextlib
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.images import get_image_model
from wagtail.models import Collection

from lms.accounts import permissions
from lms.accounts.models import User
from lms.audit.services import audit_record

from .models import InventoryItem, ProductMaker, ProductPage, ProductPhoto, ProductVariant, Promotion, StoreIndexPage

COPIED_FIELDS = (
    "description",
    "price",
    "category",
    "subcategory",
    "nib",
    "spp_irt_number",
    "bpom_md_number",
    "halal_status",
    "halal_number",
    "weight_grams",
    "length_cm",
    "width_cm",
    "height_cm",
)


@dataclass
class ProductSpec:
    """What a product says about itself, as the source hands it over."""

    title: str
    description: str
    price: int
    category: str
    subcategory: str = ""
    photos: list = field(default_factory=list)  # readable files (FieldFile or File)
    variants: list[tuple[str, int]] = field(default_factory=list)  # (name, price)
    nib: str = ""
    spp_irt_number: str = ""
    bpom_md_number: str = ""
    halal_status: str = ""
    halal_number: str = ""
    weight_grams: int | None = None
    length_cm: int | None = None
    width_cm: int | None = None
    height_cm: int | None = None


@dataclass(frozen=True)
class NewStock:
    """A workshop batch entered on the promote page."""

    name: str
    quantity: int
    batch_code: str = ""
    production_date: datetime.date | None = None
    unit_cost: int = 0


@dataclass(frozen=True)
class MakerShare:
    learner_id: int
    share: int = 1


class StoreMissing(Exception):
    """The facility has no store page yet: an administrator must create it first."""


# --- promotion -------------------------------------------------------------------------------------


def _validate_makers(facility, makers: list[MakerShare]) -> list[MakerShare]:
    if not makers:
        raise ValidationError(_("Name at least one maker."), code="no_makers")
    ids = [maker.learner_id for maker in makers]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Each maker can be named only once."), code="duplicate_maker")
    for maker in makers:
        if not 1 <= maker.share <= 100:
            raise ValidationError(_("A maker's share is a whole number from 1 to 100."), code="bad_share")
    found = set(User.objects.filter(pk__in=ids, role=User.Role.LEARNER, facility=facility).values_list("pk", flat=True))
    if found != set(ids):
        raise ValidationError(_("Makers must be learners of this facility."), code="foreign_maker")
    return makers


def _validate_stock(facility, inventory: InventoryItem | None, new_stock: NewStock | None) -> None:
    if (inventory is None) == (new_stock is None):
        raise ValidationError(_("Choose existing stock or enter a new workshop batch, not both."), code="stock_choice")
    if inventory is not None and inventory.facility_id != facility.pk:
        raise ValidationError(_("This stock belongs to another facility."), code="foreign_stock")
    if new_stock is not None:
        if not new_stock.name.strip():
            raise ValidationError(_("Give the stock a name."), code="stock_name")
        if new_stock.quantity < 1:
            raise ValidationError(_("A new batch has at least one item."), code="stock_quantity")
        if new_stock.unit_cost < 0:
            raise ValidationError(_("The unit cost cannot be negative."), code="stock_cost")
        if new_stock.production_date and new_stock.production_date > timezone.localdate():
            raise ValidationError(_("The production date cannot be in the future."), code="stock_date")


def inventory_item_create(*, actor, facility, stock: NewStock) -> InventoryItem:
    permissions.require(actor, "product.manage", facility=facility)
    _validate_stock(facility, None, stock)
    with transaction.atomic():
        item = InventoryItem.objects.create(
            facility=facility,
            name=stock.name.strip()[:255],
            batch_code=stock.batch_code.strip()[:64],
            production_date=stock.production_date,
            unit_cost=stock.unit_cost,
            quantity=stock.quantity,
        )
        audit_record(
            actor=actor,
            action="inventory.create",
            target=item,
            facility=facility,
            data={"quantity": item.quantity, "batch": item.batch_code},
        )
    return item


def promotion_request(
    *,
    actor,
    facility,
    source_key: str,
    makers: list[MakerShare],
    inventory: InventoryItem | None = None,
    new_stock: NewStock | None = None,
) -> Promotion:
    """Record which stock and which makers the product for ``source_key`` will have.

    The caller checks that the source may be promoted and queues the publishing job on commit.
    Asking again before the job has run replaces the choice; once the product exists it is final.
    """
    permissions.require(actor, "product.manage", facility=facility)
    _validate_stock(facility, inventory, new_stock)
    _validate_makers(facility, makers)
    if not StoreIndexPage.objects.filter(facility=facility).exists():
        raise ValidationError(
            _("This facility has no store page yet. An administrator must create it in the CMS first."),
            code="store_missing",
        )
    with transaction.atomic():
        if new_stock is not None:
            inventory = inventory_item_create(actor=actor, facility=facility, stock=new_stock)
        promotion = Promotion.objects.select_for_update().filter(source_key=source_key).first()
        if promotion is not None and promotion.product_id:
            raise ValidationError(_("This product is already in the store."), code="already_promoted")
        values = {
            "facility": facility,
            "inventory": inventory,
            "makers": [[maker.learner_id, maker.share] for maker in makers],
            "requested_by": actor if getattr(actor, "is_authenticated", False) else None,
        }
        promotion, _created = Promotion.objects.update_or_create(source_key=source_key, defaults=values)
        audit_record(
            actor=actor,
            action="product.promotion_request",
            target=promotion,
            facility=facility,
            data={"source": source_key, "inventory": inventory.pk, "makers": values["makers"]},
        )
    return promotion


def promotion_for(source_key: str) -> Promotion | None:
    return Promotion.objects.filter(source_key=source_key).select_related("inventory").first()


def _store_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Toko").first()
    return existing or root.add_child(name="Toko")


def _copy_photo(source, title: str):
    """A public copy of a private photo, re-encoded so that no metadata (EXIF, GPS) comes along."""
    source.open("rb")
    try:
        with Image.open(source) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            out = io.BytesIO()
            image.save(out, "JPEG", quality=88, optimize=True)
    finally:
        source.close()
    return get_image_model().objects.create(
        title=title[:255], file=ContentFile(out.getvalue(), name="produk.jpg"), collection=_store_collection()
    )


NUMBER_FIELDS = {"price", "weight_grams", "length_cm", "width_cm", "height_cm"}


def _copied(spec: ProductSpec) -> dict:
    """The spec's copied facts as model values: text fields are never NULL."""
    return {
        name: getattr(spec, name) if name in NUMBER_FIELDS else (getattr(spec, name) or "") for name in COPIED_FIELDS
    }


def _existing_product(source_key: str) -> ProductPage | None:
    return ProductPage.objects.filter(source_key=source_key).first()


def _set_photos(product: ProductPage, spec: ProductSpec) -> None:
    product.photos.all().delete()
    for index, photo in enumerate(spec.photos):
        ProductPhoto.objects.create(page=product, image=_copy_photo(photo, spec.title), sort_order=index)


def _set_variants(product: ProductPage, spec: ProductSpec) -> None:
    """Variants are matched by name: prices change in place, so orders that point at one stay valid."""
    wanted = dict(spec.variants)
    for variant in product.variants.all():
        if variant.name not in wanted:
            with contextlib.suppress(ProtectedError):  # already ordered: kept for the order's sake
                variant.delete()
    existing = {variant.name: variant for variant in product.variants.all()}
    for index, (name, price) in enumerate(spec.variants):
        variant = existing.get(name) or ProductVariant(page=product, name=name)
        variant.price, variant.sort_order = price, index
        variant.save()


def _user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def product_publish(*, actor, facility, spec: ProductSpec, source_key: str) -> ProductPage:
    """Create and publish the product for ``source_key`` under the facility's store, once.

    The stock and makers come from the ``Promotion`` recorded for ``source_key`` (when there is one).
    Everything happens in one transaction: a run that dies midway leaves nothing, and the next run
    starts again from the beginning.
    """
    existing = _existing_product(source_key)
    if existing is not None:
        return existing
    store = StoreIndexPage.objects.filter(facility=facility).first()
    if store is None:
        raise StoreMissing(facility.code)
    promotion = Promotion.objects.filter(source_key=source_key).first()
    try:
        with transaction.atomic():
            product = ProductPage(
                title=spec.title,
                slug=_unique_slug(store, spec.title),
                source_key=source_key,
                inventory_id=promotion.inventory_id if promotion else None,
                live=False,
                **_copied(spec),
            )
            store.add_child(instance=product)
            _set_photos(product, spec)
            _set_variants(product, spec)
            if promotion is not None:
                for index, (learner_id, share) in enumerate(promotion.makers):
                    ProductMaker.objects.create(page=product, learner_id=learner_id, share=share, sort_order=index)
                promotion.product = product
                promotion.save(update_fields=["product", "updated_at"])
            product.save_revision(user=_user_or_none(actor)).publish()
            audit_record(
                actor=actor, action="product.publish", target=product, facility=facility, data={"source": source_key}
            )
    except (IntegrityError, ValidationError):
        # Another run made it first (the page's validation or, in a tighter race, the database's unique
        # source_key says so): there is exactly one, and it is that one.
        existing = _existing_product(source_key)
        if existing is None:
            raise
        return existing
    return ProductPage.objects.get(pk=product.pk)


def product_refresh(*, actor, product: ProductPage, spec: ProductSpec) -> ProductPage:
    """Bring a product up to date with its source's newer approved content, as a new revision.

    A live product publishes it at once; an unpublished one stays unpublished (with the new content)."""
    facility = product.facility
    permissions.require(actor, "product.manage", facility=facility)
    with transaction.atomic():
        product = ProductPage.objects.select_for_update().get(pk=product.pk)
        changed = [name for name in ("title", *COPIED_FIELDS) if getattr(product, name) != getattr(spec, name)]
        product.title = spec.title
        for name, value in _copied(spec).items():
            setattr(product, name, value)
        product.save()
        _set_photos(product, spec)
        _set_variants(product, spec)
        revision = product.save_revision(user=_user_or_none(actor))
        if product.live:
            revision.publish()
        # an unpublished product stays off the store: the new content waits in the CMS for publishing
        audit_record(
            actor=actor,
            action="product.update",
            target=product,
            facility=facility,
            data={"source": product.source_key or "", "changed": changed, "live": product.live},
        )
    return ProductPage.objects.get(pk=product.pk)


def product_unpublish(*, actor, product: ProductPage) -> ProductPage:
    """Take a product off the public store; it stays in the CMS and can be published again there."""
    facility = product.facility
    permissions.require(actor, "product.manage", facility=facility)
    with transaction.atomic():
        product = ProductPage.objects.select_for_update().get(pk=product.pk)
        if product.live:
            # The store's own permission was checked above; Wagtail's page permissions are for the CMS.
            UnpublishPageAction(product, user=_user_or_none(actor), log_action=True).execute(
                skip_permission_checks=True
            )
            audit_record(
                actor=actor,
                action="product.unpublish",
                target=product,
                facility=facility,
                data={"source": product.source_key or ""},
            )
    return ProductPage.objects.get(pk=product.pk)


def _unique_slug(parent, title: str) -> str:
    base = slugify(title)[:70] or "produk"
    slug, n = base, 2
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
