"""Checking and cleaning uploaded product photos before anything is stored.

A photo is accepted only when Pillow can open and verify it as JPEG, PNG or WebP within the size
and pixel limits. It is then re-encoded as JPEG without its metadata (EXIF, GPS), scaled down to a
sensible size: nothing a learner's camera recorded leaves with the picture.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


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
                raise ValidationError(
                    _("“%(name)s” has too many pixels. Use a smaller photo.") % {"name": name},
                    code="photo_too_many_pixels",
                )
            probe.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("“%(name)s” has too many pixels. Use a smaller photo.") % {"name": name}, code="photo_too_many_pixels"
        ) from None
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
