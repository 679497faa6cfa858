"""Writes on the store. ``product_publish`` is how anything (today: an approved practice listing)
becomes a live product; the store never imports the apps that call it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from lms.audit.services import audit_record

from .models import ProductPage, ProductPhoto, StoreIndexPage


@dataclass
class ProductSpec:
    title: str
    description: str
    price: int
    category: str
    photos: list = field(default_factory=list)  # readable files (FieldFile or File)


class StoreMissing(Exception):
    """The facility has no store page yet: an administrator must create it first."""


def _store_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Toko").first()
    return existing or root.add_child(name="Toko")


def _copy_photo(source, title: str):
    source.open("rb")
    try:
        data = source.read()
    finally:
        source.close()
    name = os.path.basename(source.name) or "foto.jpg"
    return get_image_model().objects.create(
        title=title[:255], file=ContentFile(data, name=name), collection=_store_collection()
    )


def product_publish(*, actor, facility, spec: ProductSpec, source_key: str) -> ProductPage:
    """Create and publish the product for ``source_key`` under the facility's store, once."""
    existing = ProductPage.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    store = StoreIndexPage.objects.filter(facility=facility).first()
    if store is None:
        raise StoreMissing(facility.code)
    try:
        with transaction.atomic():
            product = ProductPage(
                title=spec.title,
                slug=_unique_slug(store, spec.title),
                description=spec.description,
                price=spec.price,
                category=spec.category,
                source_key=source_key,
                live=False,
            )
            store.add_child(instance=product)
            for index, photo in enumerate(spec.photos):
                ProductPhoto.objects.create(page=product, image=_copy_photo(photo, spec.title), sort_order=index)
            product.save_revision(user=actor if getattr(actor, "is_authenticated", False) else None).publish()
            audit_record(
                actor=actor, action="product.publish", target=product, facility=facility, data={"source": source_key}
            )
    except IntegrityError:
        # Another run made it first; the unique source_key guarantees there is exactly one.
        existing = ProductPage.objects.filter(source_key=source_key).first()
        if existing is None:
            raise
        return existing
    return ProductPage.objects.get(pk=product.pk)


def _unique_slug(parent, title: str) -> str:
    from django.utils.text import slugify

    base = slugify(title)[:70] or "produk"
    slug, n = base, 2
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
