"""Checking and cleaning uploaded product photos before anything is stored.

A photo is accepted only when Pillow can open and verify it as JPEG, PNG or WebP within the size
and pixel limits. It is then re-encoded as JPEG without its metadata (EXIF, GPS), scaled down to a
sensible size: nothing a learner's camera recorded leaves with the picture.
"""

from __future__ import annotations

import io
import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def too_many_pixels(name: str, pixels: int) -> ValidationError:
    """A photo (or a "decompression bomb": a small file that claims a huge picture) over the pixel limit."""
    if pixels:
        message = _(
            "“%(name)s” has %(pixels).0f megapixels; photos can have up to %(limit).0f megapixels. Use a smaller photo."
        ) % {"name": name, "pixels": pixels / 1_000_000, "limit": settings.PHOTO_MAX_PIXELS / 1_000_000}
    else:
        message = _("“%(name)s” has too many pixels. Use a smaller photo.") % {"name": name}
    return ValidationError(message, code="photo_too_many_pixels")


def clean_photo(upload) -> ContentFile:
    name = getattr(upload, "name", "foto")
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large (%(size).1f MB). Photos can be up to %(max).1f MB.")
            % {"name": name, "size": upload.size / (1024 * 1024), "max": settings.PHOTO_MAX_BYTES / (1024 * 1024)},
            code="photo_too_large",
        )
    not_a_photo = ValidationError(
        _("“%(name)s” is not a photo. Upload a JPEG, PNG or WebP picture.") % {"name": name}, code="photo_invalid"
    )
    # WeasyPrint switches Pillow to accept truncated images when imported; uploads must be whole.
    truncated_flag = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            probe = Image.open(upload)
            if probe.format not in ALLOWED_FORMATS:
                raise not_a_photo
            if probe.width * probe.height > settings.PHOTO_MAX_PIXELS:
                raise too_many_pixels(name, probe.width * probe.height)
            probe.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        # Pillow refuses far-too-large pictures already when reading the header: "Image size (N pixels) …"
        claimed = re.search(r"\((\d+) pixels\)", str(bomb))
        raise too_many_pixels(name, int(claimed.group(1)) if claimed else 0) from None
    except Exception:
        raise not_a_photo from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_flag

    image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant, then drop EXIF
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((settings.PHOTO_MAX_SIDE, settings.PHOTO_MAX_SIDE))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="foto.jpg")


THUMB_SIDE = 320  # px, the longest side of the thumbnail shown in lists
MIN_SIDE = 500  # px; marketplaces zoom photos, smaller ones look blurred (a checker warning)
COVER_RATIO_RANGE = (3 / 4, 4 / 3)  # width / height from portrait 3:4 to landscape 4:3


def is_too_small(width: int, height: int) -> bool:
    return width < MIN_SIDE or height < MIN_SIDE


def is_cover_ratio_ok(width: int, height: int) -> bool:
    if not width or not height:
        return False
    low, high = COVER_RATIO_RANGE
    return low - 1e-9 <= width / height <= high + 1e-9


def thumbnail_name(photo_id: int) -> str:
    return f"sandbox/thumbs/{photo_id}.jpg"


def photo_thumbnail_create(*, photo_id: int) -> str:
    """Write the photo's thumbnail once, under a name fixed by the photo's id; return its name.

    Running it again finds the thumbnail and does nothing; a file left by a run that died before
    saving the row is overwritten, so there is never more than one thumbnail per photo.
    """
    from django.db import transaction

    from .models import ListingPhoto

    with transaction.atomic():
        photo = ListingPhoto.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None:
            return ""
        if photo.thumbnail and photo.thumbnail.storage.exists(photo.thumbnail.name):
            return photo.thumbnail.name
        with photo.image.open("rb") as source, Image.open(source) as image:
            image = image.convert("RGB")
            image.thumbnail((THUMB_SIDE, THUMB_SIDE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=80, optimize=True)
        name = thumbnail_name(photo.pk)
        storage = photo.thumbnail.storage
        if storage.exists(name):
            storage.delete(name)
        photo.thumbnail.save(name.rsplit("/", 1)[-1], ContentFile(out.getvalue()), save=False)
        photo.save(update_fields=["thumbnail"])
        return photo.thumbnail.name
