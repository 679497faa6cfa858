"""H5P packages for tests: the real demo library, and raw zips to craft broken packages."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from courses.h5p.packaging import SOURCES, TRUE_FALSE, build_true_false, true_false_content, true_false_h5p_json


def good_package(tmp_path: Path, name: str = "good.h5p", **kwargs) -> Path:
    kwargs.setdefault("title", "Uji benar/salah")
    kwargs.setdefault("question", "Harga jual harus lebih tinggi dari biaya.")
    kwargs.setdefault("correct", True)
    return build_true_false(tmp_path / name, **kwargs)


def package_members(*, title: str = "Uji") -> dict[str, bytes]:
    """The members of a valid package, to change one thing at a time."""
    members = {
        "h5p.json": json.dumps(true_false_h5p_json(title)).encode(),
        "content/content.json": json.dumps(true_false_content(question="Q?", correct=True)).encode(),
    }
    for path in sorted((SOURCES / TRUE_FALSE).iterdir()):
        members[f"{TRUE_FALSE}/{path.name}"] = path.read_bytes()
    return members


def raw_zip(path: Path, members, *, symlinks: tuple[str, ...] = ()) -> Path:
    """``members``: a dict, or a list of (name, bytes) pairs (to repeat a name)."""
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        import warnings

        warnings.simplefilter("ignore")  # duplicate names are the point of some tests
        for name, data in items:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o120777 if name in symlinks else 0o100644) << 16
            zf.writestr(info, data)
    return path


def imported_activity(tmp_path: Path, *, approve: bool = True):
    """A package imported through the service (its library approved unless told), files in place."""
    from django.test import TestCase

    from courses.h5p.models import H5PLibrary
    from courses.h5p.services import h5p_package_import

    with TestCase.captureOnCommitCallbacks(execute=True):  # the test's transaction never commits
        package = h5p_package_import(actor=None, path=good_package(tmp_path, f"act-{tmp_path.name}.h5p"))
    if approve:
        H5PLibrary.objects.filter(pk__in=package.libraries.values("pk")).update(approved_at="2026-01-01T00:00Z")
    return package


def add_h5p(lesson, package, *, required: bool = True) -> str:
    lesson.body.append(("h5p", {"package": package, "required": required}))
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return next(block.id for block in reversed(list(lesson.body)) if block.block_type == "h5p")


def scored_statement(raw, maximum, *, verb: str = "completed", parent: bool = False, actor: str = "x@evil") -> dict:
    statement = {
        "actor": {"name": "someone else", "mbox": f"mailto:{actor}"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": "http://127.0.0.1:8000/h5p/1/1"},
        "result": {"score": {"raw": raw, "max": maximum}, "completion": True, "success": raw == maximum},
        "context": {"contextActivities": {}},
    }
    if parent:
        statement["context"]["contextActivities"]["parent"] = [{"id": "http://127.0.0.1:8000/h5p/1/1"}]
    return statement
