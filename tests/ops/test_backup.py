"""Backup and restore: a deployment comes back whole into an empty one; bad archives change nothing."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page

from lms.accounts.models import Facility, User
from lms.ops.backup import BackupError, backup_create, backup_restore, database_flush
from tests.factories import FacilityFactory, LearnerFactory, build_course

# Emptying and restoring happen inside the test's transaction, which is rolled back afterwards, so
# the tests that follow find the database as the migrations left it.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    with translation.override("en"):  # the messages are checked in English; one test reads the Indonesian
        yield
    ContentType.objects.clear_cache()


@pytest.fixture
def deployment(settings):
    facility = FacilityFactory(code="KLD", name="Lapas Kelas IIA Kalianda")
    learner = LearnerFactory(facility=facility, full_name="Budi Santoso", registration_number="BI.001")
    learner.set_password("135790")
    learner.save()
    course = build_course(lessons=2, title="Literasi Digital")
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "original_images" / "logo.png").write_bytes(b"\x89PNG logo")
    (settings.PRIVATE_MEDIA_ROOT / "certificates").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "certificates" / "KLD-2026-000001.pdf").write_bytes(b"%PDF-1.7 certificate")
    return {"facility": facility, "learner": learner, "course": course}


def empty_the_deployment(settings):
    import shutil

    database_flush()
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)


def test_a_backup_restores_into_an_empty_deployment(deployment, settings, tmp_path):
    pages_before = sorted(Page.objects.values_list("url_path", flat=True))
    summary = backup_create(destination=tmp_path / "bekal.tar.gz")
    assert summary.files == {"media": 1, "private": 1} and summary.rows > 10
    assert not (tmp_path / "bekal.tar.gz.partial").exists()

    empty_the_deployment(settings)
    assert not User.objects.exists() and not Page.objects.filter(depth__gt=1).exists()

    restored = backup_restore(source=tmp_path / "bekal.tar.gz")

    assert restored.files == {"media": 1, "private": 1}
    learner = User.objects.get(registration_number="BI.001")
    assert learner.full_name == "Budi Santoso" and learner.facility.code == "KLD"
    assert learner.check_password("135790")  # the PIN hash came back as it was
    assert sorted(Page.objects.values_list("url_path", flat=True)) == pages_before
    assert Page.find_problems() == ([], [], [], [], [])  # the page tree is whole
    assert (settings.MEDIA_ROOT / "original_images" / "logo.png").read_bytes() == b"\x89PNG logo"
    assert (settings.PRIVATE_MEDIA_ROOT / "certificates" / "KLD-2026-000001.pdf").read_bytes().startswith(b"%PDF")
    # Rows made after the restore get new ids (sequences follow the restored rows).
    assert FacilityFactory(code="NBL").pk > deployment["facility"].pk


def test_restore_refuses_a_deployment_that_has_data(deployment, tmp_path):
    backup_create(destination=tmp_path / "bekal.tar.gz")
    with pytest.raises(BackupError, match="already has data"):
        backup_restore(source=tmp_path / "bekal.tar.gz")
    assert User.objects.count() == 1


def _archive(tmp_path, entries: dict[str, bytes], name="bad.tar.gz"):
    path = tmp_path / name
    with tarfile.open(path, "w:gz") as archive:
        for arcname, data in entries.items():
            info = tarfile.TarInfo(arcname)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _manifest(**changes) -> bytes:
    manifest = {"format": 1, "migrations": {}, "rows": 0, "files": {}}
    manifest.update(changes)
    return json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"database.json": b"[]"}, "not a Bekal backup"),
        ({"manifest.json": _manifest(format=99), "database.json": b"[]"}, "format 99"),
        ({"manifest.json": _manifest(migrations={"accounts": ["9999_from_the_future"]})}, "newer version"),
        ({"manifest.json": _manifest(), "database.json": b"[]", "../outside.txt": b"x"}, "unsafe entry"),
        ({"manifest.json": _manifest(), "database.json": b"[]", "etc/passwd": b"x"}, "unexpected entry"),
        ({"manifest.json": _manifest()}, "no database.json"),
    ],
)
def test_bad_archives_are_refused_and_change_nothing(deployment, settings, tmp_path, entries, message):
    path = _archive(tmp_path, entries)
    with pytest.raises(BackupError, match=message):
        backup_restore(source=path, force=True)
    assert User.objects.filter(registration_number="BI.001").exists()
    assert not (tmp_path.parent / "outside.txt").exists()


def test_a_database_file_that_does_not_load_leaves_the_deployment_as_it_was(deployment, tmp_path):
    broken = b'[{"model": "accounts.facility", "fields": {"code": "X"}}, {"model": "no.such", "fields": {}}]'
    path = _archive(tmp_path, {"manifest.json": _manifest(), "database.json": broken})
    with pytest.raises(Exception):  # noqa: B017 (whatever loaddata raises, nothing may change)
        backup_restore(source=path, force=True)
    assert list(Facility.objects.values_list("code", flat=True)) == ["KLD"]
    assert User.objects.filter(registration_number="BI.001").exists()


def test_a_file_that_is_not_an_archive_is_refused_in_indonesian(tmp_path):
    path = tmp_path / "foto.jpg"
    path.write_bytes(b"\xff\xd8 not a backup")
    with translation.override("id"), pytest.raises(BackupError, match="tidak dapat dibaca"):
        backup_restore(source=path)


@override_settings()
def test_the_commands(deployment, settings, tmp_path, capsys):
    call_command("backup", str(tmp_path / "b.tar.gz"))
    assert "b.tar.gz" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already has data"):
        call_command("restore", str(tmp_path / "b.tar.gz"))
    empty_the_deployment(settings)
    call_command("restore", str(tmp_path / "b.tar.gz"))
    assert "restored" in capsys.readouterr().out
    assert User.objects.filter(registration_number="BI.001").exists()
