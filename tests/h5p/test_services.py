import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from courses.h5p.models import H5PImport, H5PLibrary, H5PPackage
from courses.h5p.services import (
    H5PPackageInvalid,
    h5p_import_start,
    h5p_library_approve,
    h5p_package_import,
    library_dir,
    package_dir,
)
from lms.audit.models import AuditEvent
from tests.factories import AdminFactory, LearnerFactory
from tests.factories.h5p import good_package, package_members, raw_zip

pytestmark = pytest.mark.django_db
LIB = "H5P.BekalTrueFalse-1.0"


@pytest.fixture(autouse=True)
def _h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p-root"


def leftover_files(settings) -> list:
    root = settings.H5P_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_import_stores_rows_then_files_after_commit(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        package = h5p_package_import(actor=None, path=good_package(tmp_path))
    assert package.main_library.folder == LIB and not package.main_library.is_approved
    assert (package_dir(package) / "content" / "content.json").exists()
    assert (library_dir(LIB) / "truefalse.js").exists()
    assert AuditEvent.objects.filter(action="h5p.import").exists()


def test_a_refused_package_stores_nothing(tmp_path, settings):
    members = package_members()
    members["content/evil.js"] = b"alert(1)"
    with pytest.raises(H5PPackageInvalid) as exc:
        h5p_package_import(actor=None, path=raw_zip(tmp_path / "bad.h5p", members))
    assert [p.code for p in exc.value.problems] == ["extension"]
    assert not H5PPackage.objects.exists() and not H5PLibrary.objects.exists()
    assert leftover_files(settings) == []


def test_a_failure_inside_the_transaction_leaves_no_rows_or_files(tmp_path, settings, monkeypatch):
    from courses.h5p import services

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        h5p_package_import(actor=None, path=good_package(tmp_path))
    assert not H5PPackage.objects.exists() and not H5PLibrary.objects.exists()
    assert leftover_files(settings) == []


def test_libraries_are_shared_and_the_newest_patch_wins(tmp_path, django_capture_on_commit_callbacks):
    admin = AdminFactory(role="regional_admin")
    with django_capture_on_commit_callbacks(execute=True):
        first = h5p_package_import(actor=None, path=good_package(tmp_path, "a.h5p"))
        h5p_library_approve(actor=admin, library=first.main_library)
        second = h5p_package_import(actor=None, path=good_package(tmp_path, "b.h5p"))
    assert H5PLibrary.objects.count() == 1 and first.main_library_id == second.main_library_id
    assert H5PLibrary.objects.get().is_approved  # the same patch again changes nothing
    members = package_members()
    lib = json.loads(members[f"{LIB}/library.json"])
    lib["patchVersion"] = 7
    members[f"{LIB}/library.json"] = json.dumps(lib).encode()
    members[f"{LIB}/truefalse.js"] += b"\n// patch 7\n"
    with django_capture_on_commit_callbacks(execute=True):
        h5p_package_import(actor=None, path=raw_zip(tmp_path / "c.h5p", members))
    library = H5PLibrary.objects.get()
    assert library.patch_version == 7 and not library.is_approved  # new code is approved anew
    assert b"patch 7" in (library_dir(LIB) / "truefalse.js").read_bytes()
    lib["patchVersion"] = 3  # an older patch never replaces a newer one
    members[f"{LIB}/library.json"] = json.dumps(lib).encode()
    with django_capture_on_commit_callbacks(execute=True):
        h5p_package_import(actor=None, path=raw_zip(tmp_path / "d.h5p", members))
    assert H5PLibrary.objects.get().patch_version == 7


def test_approving_is_for_regional_admins_and_audited(tmp_path):
    package = h5p_package_import(actor=None, path=good_package(tmp_path))
    with pytest.raises(PermissionDenied):
        h5p_library_approve(actor=AdminFactory(), library=package.main_library)
    admin = AdminFactory(role="regional_admin")
    h5p_library_approve(actor=admin, library=package.main_library)
    library = H5PLibrary.objects.get()
    assert library.approved_by == admin
    assert AuditEvent.objects.filter(action="h5p.library_approve", actor=admin).count() == 1


def test_learners_may_not_import(tmp_path):
    with pytest.raises(PermissionDenied):
        h5p_package_import(actor=LearnerFactory(), path=good_package(tmp_path))


def test_command_prints_the_id(tmp_path, capsys):
    call_command("import_h5p", str(good_package(tmp_path)))
    assert capsys.readouterr().out.strip() == str(H5PPackage.objects.get().pk)


def test_command_fails_with_every_problem(tmp_path, capsys):
    members = package_members()
    members["content/a.svg"] = b"<svg/>"
    members["../up.json"] = b"{}"
    with pytest.raises(CommandError):
        call_command("import_h5p", str(raw_zip(tmp_path / "bad.h5p", members)))
    err = capsys.readouterr().err
    assert "content/a.svg" in err and "../up.json" in err
    assert not H5PPackage.objects.exists()


def test_import_job_runs_once_and_records_problems(tmp_path, settings, django_capture_on_commit_callbacks):
    admin = AdminFactory()
    upload = SimpleUploadedFile("kuis.h5p", good_package(tmp_path).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        row = h5p_import_start(actor=admin, upload=upload)
    row.refresh_from_db()
    assert row.status == H5PImport.Status.DONE and row.progress == 100 and row.package is not None
    from courses.h5p.tasks import run_h5p_import

    run_h5p_import(str(row.pk))  # a second run is a no-op
    assert H5PPackage.objects.count() == 1
    members = package_members()
    members["content/x.php"] = b"<?php"
    bad = SimpleUploadedFile("bad.h5p", raw_zip(tmp_path / "bad.h5p", members).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        failed = h5p_import_start(actor=admin, upload=bad)
    failed.refresh_from_db()
    assert failed.status == H5PImport.Status.FAILED
    assert failed.problems[0]["code"] == "extension" and failed.problems[0]["id"] and failed.problems[0]["en"]
    assert H5PPackage.objects.count() == 1
