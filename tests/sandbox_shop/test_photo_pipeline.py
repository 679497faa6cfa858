"""Photo attacks through the real form, metadata removal on disk, and the idempotent thumbnail job."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sandbox_shop.models import ListingPhoto, PracticeListing
from sandbox_shop.photos import THUMB_SIDE, clean_photo, photo_thumbnail_create
from sandbox_shop.tasks import make_photo_thumbnail
from tests.factories import LearnerFactory, ListingFactory, add_photo

CREATE_URL = "/toko-latihan/baru/"
DATA = {
    "category": "kerajinan",
    "title": "Tas Anyaman Pandan 30 cm",
    "description": "Anyaman pandan.",
    "price": "45000",
}


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb's shape)."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"
    exif[0x8825] = {1: "S", 2: (5.0, 26.0, 0.0), 3: "E", 4: (105.0, 15.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (900, 900), (90, 120, 60)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def learner_client(client):
    learner = LearnerFactory()
    client.force_login(learner)
    client.learner = learner
    return client


def test_a_header_claiming_huge_dimensions_is_refused_before_decoding():
    data = png_claiming(60_000, 60_000)
    assert len(data) < 200  # tiny file, 3.6 gigapixels claimed

    with pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("bom.png", data, content_type="image/png"))

    assert error.value.code == "photo_too_many_pixels"
    assert "bom.png" in error.value.messages[0]
    assert "3600" in error.value.messages[0] and "40" in error.value.messages[0]  # claimed and allowed megapixels


def test_a_photo_just_over_the_configured_limit_names_its_size(settings, image_bytes):
    settings.PHOTO_MAX_PIXELS = 1_000_000

    with pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("lebar.png", image_bytes("PNG", size=(1001, 1000)), content_type="image/png"))

    assert error.value.code == "photo_too_many_pixels"
    assert "lebar.png" in error.value.messages[0] and "1 " in error.value.messages[0]


@pytest.mark.django_db
def test_a_huge_pixel_bomb_through_the_form_saves_nothing(learner_client):
    bomb = SimpleUploadedFile("bom.png", png_claiming(60_000, 60_000), content_type="image/png")

    response = learner_client.post(CREATE_URL, {**DATA, "photos": [bomb]})

    assert response.status_code == 400
    assert "bom.png" in response.context["form"].errors["photos"][0]
    assert not PracticeListing.objects.exists() and not ListingPhoto.objects.exists()


@pytest.mark.django_db
def test_html_named_jpg_is_refused_through_the_form(learner_client):
    fake = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")

    response = learner_client.post(CREATE_URL, {**DATA, "photos": [fake]})

    assert response.status_code == 400
    assert not PracticeListing.objects.exists()


@pytest.mark.django_db
def test_gps_and_camera_are_gone_from_the_stored_file_and_thumbnail(learner_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("IMG_0002.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(0x8825)  # the input carries GPS
    upload.seek(0)

    with django_capture_on_commit_callbacks(execute=True):
        response = learner_client.post(CREATE_URL, {**DATA, "photos": [upload]})

    assert response.status_code == 302
    photo = ListingPhoto.objects.get()
    photo.refresh_from_db()
    for path in (Path(photo.image.path), Path(photo.thumbnail.path)):
        raw = path.read_bytes()
        assert b"KameraUji" not in raw and b"Exif\x00\x00" not in raw
        with Image.open(path) as stored:
            assert len(stored.getexif()) == 0
            assert not stored.getexif().get_ifd(0x8825)


@pytest.mark.django_db
def test_saving_a_listing_queues_one_thumbnail_per_new_photo(learner_client, django_capture_on_commit_callbacks):
    photos = [SimpleUploadedFile(f"f{n}.jpg", jpeg_with_gps(), content_type="image/jpeg") for n in range(2)]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        learner_client.post(CREATE_URL, {**DATA, "photos": photos})

    assert len(callbacks) >= 2
    for photo in ListingPhoto.objects.all():
        assert photo.thumbnail.name == f"sandbox/thumbs/{photo.pk}.jpg"
        with Image.open(photo.thumbnail.path) as thumb:
            assert max(thumb.size) == THUMB_SIDE


@pytest.mark.django_db
def test_no_thumbnail_is_queued_when_the_save_is_refused(learner_client, django_capture_on_commit_callbacks):
    fake = SimpleUploadedFile("x.jpg", b"bukan foto", content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        learner_client.post(CREATE_URL, {**DATA, "photos": [fake]})

    assert callbacks == []


@pytest.mark.django_db
def test_thumbnail_task_run_twice_makes_one_thumbnail(settings):
    photo = add_photo(ListingFactory())

    first = make_photo_thumbnail.delay(photo.pk).get()
    second = make_photo_thumbnail.delay(photo.pk).get()

    assert first == second == f"sandbox/thumbs/{photo.pk}.jpg"
    thumbs = list((Path(settings.PRIVATE_MEDIA_ROOT) / "sandbox" / "thumbs").iterdir())
    assert [p.name for p in thumbs] == [f"{photo.pk}.jpg"]
    photo.refresh_from_db()
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (THUMB_SIDE, THUMB_SIDE)


@pytest.mark.django_db
def test_a_leftover_file_from_a_dead_run_is_replaced_not_duplicated(settings):
    photo = add_photo(ListingFactory())
    leftover = Path(settings.PRIVATE_MEDIA_ROOT) / "sandbox" / "thumbs" / f"{photo.pk}.jpg"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"setengah")  # written, then the worker died before saving the row

    name = photo_thumbnail_create(photo_id=photo.pk)

    assert name == f"sandbox/thumbs/{photo.pk}.jpg"
    assert [p.name for p in leftover.parent.iterdir()] == [f"{photo.pk}.jpg"]
    with Image.open(leftover) as thumb:
        assert thumb.format == "JPEG"


@pytest.mark.django_db
def test_thumbnail_of_a_deleted_photo_is_a_no_op():
    photo = add_photo(ListingFactory())
    photo_id = photo.pk
    photo.delete()

    assert make_photo_thumbnail.delay(photo_id).get() == ""


@pytest.mark.django_db
def test_the_thumbnail_is_served_to_the_owner(learner_client):
    listing = ListingFactory(learner=learner_client.learner)
    photo = add_photo(listing)
    photo_thumbnail_create(photo_id=photo.pk)

    response = learner_client.get(f"/toko-latihan/foto/{photo.pk}/?ukuran=kecil")

    assert response.status_code == 200
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as served:
        assert max(served.size) == THUMB_SIDE


@pytest.mark.django_db
def test_the_sweeper_makes_lost_thumbnails_once(settings):
    from datetime import timedelta

    from django.utils import timezone

    from sandbox_shop.tasks import resume_missing_thumbnails

    settings.JOB_STALL_SECONDS = 60
    photo = add_photo(ListingFactory())  # made without the service: no thumbnail job was queued
    assert resume_missing_thumbnails() == 0  # too recent to count as lost

    ListingPhoto.objects.filter(pk=photo.pk).update(uploaded_at=timezone.now() - timedelta(minutes=5))
    assert resume_missing_thumbnails() == 1
    assert resume_missing_thumbnails() == 0
    photo.refresh_from_db()
    assert photo.thumbnail.name == f"sandbox/thumbs/{photo.pk}.jpg"
    assert "resume-missing-listing-thumbnails" in settings.CELERY_BEAT_SCHEDULE
