import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sandbox_shop.photos import clean_photo


def upload(data: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def opened(cleaned) -> Image.Image:
    cleaned.seek(0)
    return Image.open(io.BytesIO(cleaned.read()))


def exif_with_camera_and_gps(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[0x0110] = "Model 7"  # Model
    exif[0x0131] = "Perangkat Lunak"  # Software
    exif[0x8825] = {1: "S", 2: (5.0, 26.0, 0.0), 3: "E", 4: (105.0, 15.0, 0.0)}  # GPS
    if orientation is not None:
        exif[0x0112] = orientation
    return exif.tobytes()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepts_jpeg_png_and_webp_and_returns_jpeg(fmt, image_bytes):
    cleaned = clean_photo(upload(image_bytes(fmt, size=(320, 240)), name=f"foto.{fmt.lower()}"))

    image = opened(cleaned)
    assert image.format == "JPEG"
    assert image.size == (320, 240)
    assert cleaned.name.endswith(".jpg")


def test_png_with_transparency_becomes_a_jpeg_on_white():
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(out, "PNG")

    image = opened(clean_photo(upload(out.getvalue(), name="transparan.png")))

    assert image.format == "JPEG"
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((25, 20))
    assert min(red, green, blue) > 240


def test_strips_exif(image_bytes):
    data = image_bytes("JPEG", size=(300, 200), exif=exif_with_camera_and_gps())
    assert Image.open(io.BytesIO(data)).getexif()[0x010F] == "KameraUji"  # the input really carries EXIF

    cleaned = clean_photo(upload(data))

    image = opened(cleaned)
    assert "exif" not in image.info
    assert len(image.getexif()) == 0
    cleaned.seek(0)
    raw = cleaned.read()
    assert b"KameraUji" not in raw
    assert b"Exif\x00\x00" not in raw


def test_orientation_is_applied_before_exif_is_dropped(image_bytes):
    data = image_bytes("JPEG", size=(300, 200), exif=exif_with_camera_and_gps(orientation=6))

    image = opened(clean_photo(upload(data)))

    assert image.size == (200, 300)
    assert len(image.getexif()) == 0


def test_large_photos_are_scaled_down(settings, image_bytes):
    settings.PHOTO_MAX_SIDE = 100

    image = opened(clean_photo(upload(image_bytes("JPEG", size=(400, 200)))))

    assert image.size == (100, 50)


def test_rejects_a_text_file_renamed_jpg():
    with pytest.raises(ValidationError) as error:
        clean_photo(upload(b"Ini bukan foto, hanya teks biasa.\n" * 20, name="catatan.jpg"))

    assert error.value.code == "photo_invalid"
    assert "catatan.jpg" in error.value.messages[0]


def test_rejects_a_gif():
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (10, 20, 30)).save(out, "GIF")

    with pytest.raises(ValidationError) as error:
        clean_photo(upload(out.getvalue(), name="gerak.gif", content_type="image/gif"))

    assert error.value.code == "photo_invalid"


def test_rejects_a_file_over_the_size_limit(settings, image_bytes):
    data = image_bytes("JPEG", size=(400, 400))
    settings.PHOTO_MAX_BYTES = len(data) - 1

    with pytest.raises(ValidationError) as error:
        clean_photo(upload(data, name="besar.jpg"))

    assert error.value.code == "photo_too_large"


def test_accepts_a_file_exactly_at_the_size_limit(settings, image_bytes):
    data = image_bytes("JPEG", size=(400, 400))
    settings.PHOTO_MAX_BYTES = len(data)

    assert opened(clean_photo(upload(data))).format == "JPEG"


def test_rejects_too_many_pixels(settings, image_bytes):
    settings.PHOTO_MAX_PIXELS = 100 * 100

    with pytest.raises(ValidationError) as error:
        clean_photo(upload(image_bytes("PNG", size=(101, 100)), name="lebar.png"))

    assert error.value.code == "photo_too_many_pixels"


def test_accepts_exactly_the_pixel_limit(settings, image_bytes):
    settings.PHOTO_MAX_PIXELS = 100 * 100

    assert opened(clean_photo(upload(image_bytes("PNG", size=(100, 100))))).size == (100, 100)


def test_a_truncated_photo_is_refused_even_after_weasyprint_is_loaded():
    import weasyprint  # noqa: F401  (it relaxes Pillow's truncated-image check globally)
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sandbox_shop.photos import clean_photo
    from tests.conftest import make_image_bytes

    data = make_image_bytes("JPEG", size=(900, 900))
    with pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("rusak.jpg", data[: len(data) // 3], content_type="image/jpeg"))
    assert error.value.code == "photo_invalid"
