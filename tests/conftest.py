import io

import pytest
from PIL import Image

from lms.celery import app as celery_app


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Every test writes media and private files into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """PBKDF2 is slow on purpose (about half a second per PIN); unit tests don't test that.

    The e2e suite signs in against a real server, so it keeps the project's hashers.
    """
    if request.node.get_closest_marker("e2e") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery():
    """Unit tests run tasks in-process; the e2e suite runs a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_image_bytes(fmt: str = "JPEG", size=(800, 800), color=(200, 150, 90), exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


@pytest.fixture
def image_bytes():
    return make_image_bytes


@pytest.fixture(autouse=True)
def _wagtail_roots_after_a_flush(request):
    """A ``transaction=True`` test ends by emptying every table, migration rows too; the next one gets
    back the roots Wagtail's migrations made (locale, root page, root collection)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
