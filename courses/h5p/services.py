"""Writes on H5P: importing a package (all or nothing), approving libraries, and the learner's results.

Importing: :func:`h5p_package_import` validates the file (``validation``), extracts it into a fresh
folder under ``H5P_ROOT/tmp``, writes the rows in one transaction, and moves the files into place only
once that transaction has committed. Whatever fails, the temporary folder is removed and no row stays,
so a refused package leaves nothing behind. Libraries are stored once per machineName-major.minor; a
package carrying a newer patch replaces the files and the library needs approval again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts import permissions
from lms.audit.services import audit_record
from lms.jobs import enqueue_on_commit
from lms.jobs.faults import pause_point

from .models import H5PImport, H5PLibrary, H5PPackage
from .player import PLAYER_CONTENT_ID
from .validation import LibraryKey, PackageReport, Problem, key_str, validate_package


class H5PPackageInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.text("en") for p in problems))
        self.problems = problems


def h5p_root() -> Path:
    return Path(settings.H5P_ROOT)


def library_dir(folder: str) -> Path:
    return h5p_root() / "libraries" / folder


def package_dir(package: H5PPackage) -> Path:
    return h5p_root() / "content" / str(package.folder)


def _installed(key: LibraryKey) -> dict | None:
    lib = H5PLibrary.objects.filter(machine_name=key[0], major_version=key[1], minor_version=key[2]).first()
    return lib.metadata if lib else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _extract(path: Path, report: PackageReport, target: Path) -> None:
    """Copy every checked member below ``target``, never more bytes than its header declared."""
    with zipfile.ZipFile(path) as zf:
        for info in report.files:
            dest = target.joinpath(*info.filename.split("/"))
            if not dest.resolve().is_relative_to(target.resolve()):  # names were checked; belt and braces
                raise H5PPackageInvalid([])
            dest.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with zf.open(info) as src, open(dest, "wb") as out:
                for chunk in iter(lambda: src.read(1024 * 1024), b""):
                    written += len(chunk)
                    if written > info.file_size:
                        raise zipfile.BadZipFile(info.filename)
                    out.write(chunk)


def _move_into_place(tmp: Path, package_folder: Path, library_folders: list[str]) -> None:
    """After commit: the content folder and new or newer library folders go live; the rest is dropped."""
    try:
        package_folder.parent.mkdir(parents=True, exist_ok=True)
        package_folder.mkdir()
        shutil.move(str(tmp / "h5p.json"), package_folder / "h5p.json")
        shutil.move(str(tmp / "content"), package_folder / "content")
        for folder in library_folders:
            live = library_dir(folder)
            live.parent.mkdir(parents=True, exist_ok=True)
            old = live.with_name(f".old-{uuid.uuid4().hex}")
            if live.exists():
                live.rename(old)
            (tmp / folder).rename(live)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _store_libraries(report: PackageReport, actor) -> list[str]:
    """Create or upgrade the package's libraries; returns the folders whose files must go live."""
    to_install = []
    for key, meta in report.libraries.items():
        patch = int(meta.get("patchVersion"))
        lib = (
            H5PLibrary.objects.select_for_update()
            .filter(machine_name=key[0], major_version=key[1], minor_version=key[2])
            .first()
        )
        fields = dict(
            patch_version=patch,
            title=str(meta.get("title"))[:255],
            metadata=meta,
            needs_unsafe_eval=bool(meta.get("unsafeEval")),
        )
        if lib is None:
            lib = H5PLibrary.objects.create(machine_name=key[0], major_version=key[1], minor_version=key[2], **fields)
        elif patch > lib.patch_version:  # the newest patch wins; new code is approved anew
            for name, value in fields.items():
                setattr(lib, name, value)
            lib.approved_at, lib.approved_by = None, None
            lib.save()
        else:
            continue
        audit_record(actor=actor, action="h5p.library_install", target=lib, data={"patch": patch})
        to_install.append(lib.folder)
    return to_install


def h5p_package_import(
    *, actor, path, import_row: H5PImport | None = None, progress: Callable[[int], None] = lambda pct: None
) -> H5PPackage:
    """Validate and install the ``.h5p`` at ``path``; raises :class:`H5PPackageInvalid` with every problem."""
    if actor is not None:
        permissions.require(actor, "h5p.import")
    path = Path(path)
    report = validate_package(path, installed=_installed)
    progress(40)
    if not report.ok:
        raise H5PPackageInvalid(report.problems)
    tmp = h5p_root() / "tmp" / uuid.uuid4().hex
    tmp.mkdir(parents=True)
    try:
        _extract(path, report, tmp)
        progress(80)
        pause_point("h5p.import")
        with transaction.atomic():
            if import_row is not None:
                # A second run of the same import (a killed worker's job queued again) that
                # finds it done installs nothing more: one import, one package.
                current = H5PImport.objects.select_for_update().get(pk=import_row.pk)
                if current.status == H5PImport.Status.DONE and current.package_id:
                    shutil.rmtree(tmp, ignore_errors=True)
                    return current.package
            folders = _store_libraries(report, actor)
            keys = report.dependency_keys()
            libs = {lib.key: lib for lib in H5PLibrary.objects.filter(machine_name__in={k[0] for k in keys})}
            package = H5PPackage.objects.create(
                title=str(report.h5p["title"])[:255],
                main_library=libs[report.main_library],
                h5p_json=report.h5p,
                sha256=_sha256(path),
                uploaded_by=actor,
            )
            package.libraries.set([libs[key] for key in keys])
            audit_record(
                actor=actor,
                action="h5p.import",
                target=package,
                data={"libraries": sorted(key_str(k) for k in keys), "sha256": package.sha256},
            )
            if import_row is not None:
                H5PImport.objects.filter(pk=import_row.pk).update(
                    status=H5PImport.Status.DONE, progress=100, package=package, finished_at=timezone.now()
                )
            target = package_dir(package)
            transaction.on_commit(lambda: _move_into_place(tmp, target, folders))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return package


def h5p_import_start(*, actor, upload) -> H5PImport:
    """Keep the uploaded file and queue its import; the admin page follows ``progress``."""
    permissions.require(actor, "h5p.import")
    uploads = h5p_root() / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    row_id = uuid.uuid4()
    dest = uploads / f"{row_id}.h5p"
    with open(dest, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        with transaction.atomic():
            row = H5PImport.objects.create(
                id=row_id, filename=Path(upload.name).name[:255], upload_path=str(dest), actor=actor
            )
            audit_record(actor=actor, action="h5p.import_start", target=row)
            from .tasks import run_h5p_import

            enqueue_on_commit(run_h5p_import, str(row.pk))
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return row


def h5p_import_run(*, import_id) -> H5PImport:
    """Run a queued import once: a finished import is returned unchanged (the id is the natural key)."""
    with transaction.atomic():
        row = H5PImport.objects.select_for_update().filter(pk=import_id).first()
        if row is None or row.status in (H5PImport.Status.DONE, H5PImport.Status.FAILED):
            return row
        row.status, row.progress = H5PImport.Status.RUNNING, 10
        row.save(update_fields=["status", "progress"])

    def progress(pct: int) -> None:
        H5PImport.objects.filter(pk=row.pk).update(progress=pct)

    try:
        h5p_package_import(actor=None, path=row.upload_path, import_row=row, progress=progress)
    except H5PPackageInvalid as exc:
        H5PImport.objects.filter(pk=row.pk).exclude(status=H5PImport.Status.DONE).update(
            status=H5PImport.Status.FAILED,
            problems=[p.as_json() for p in exc.problems],
            progress=100,
            finished_at=timezone.now(),
        )
    row.refresh_from_db()
    if row.status in (H5PImport.Status.DONE, H5PImport.Status.FAILED):
        Path(row.upload_path).unlink(missing_ok=True)
    return row


def h5p_library_approve(*, actor, library: H5PLibrary) -> H5PLibrary:
    """An administrator approves a library version's code, so content using it may go into lessons."""
    permissions.require(actor, "h5p.approve")
    with transaction.atomic():
        lib = H5PLibrary.objects.select_for_update().get(pk=library.pk)
        if lib.approved_at is None:
            lib.approved_at, lib.approved_by = timezone.now(), actor
            lib.save(update_fields=["approved_at", "approved_by", "updated_at"])
            audit_record(actor=actor, action="h5p.library_approve", target=lib, data={"patch": lib.patch_version})
    return lib


def require_publishable(package: H5PPackage) -> None:
    if package.unapproved_libraries():
        raise PermissionDenied("unapproved libraries")


# --- playing and results ----------------------------------------------------------------------------


class StatementRefused(Exception):
    """A statement that is stored but cannot count (bad score range), or is malformed."""


def _require_activity(*, learner, lesson, package: H5PPackage) -> None:
    from courses.models import Enrollment

    from .selectors import lesson_h5p_refs

    permissions.require(learner, "course.learn")
    if package.pk not in {ref.package_id for ref in lesson_h5p_refs(lesson)}:
        raise PermissionDenied("activity not in this lesson")
    if not Enrollment.objects.filter(learner=learner, course=lesson.course()).exists():
        raise PermissionDenied("not enrolled")
    require_publishable(package)


def h5p_attempt_open(*, learner, lesson, package: H5PPackage):
    """The learner's open (not yet completed) attempt at this activity, or None; opening a lesson starts nothing."""
    from .models import H5PAttempt

    _require_activity(learner=learner, lesson=lesson, package=package)
    return (
        H5PAttempt.objects.filter(learner=learner, lesson=lesson, package=package, completed_at__isnull=True)
        .order_by("-started_at", "-pk")
        .first()
    )


def h5p_attempt_start(*, learner, lesson, package: H5PPackage):
    """The attempt the learner's first statement goes to: their open one, or a new one once the last finished.

    Called when the player sends its first statement, not when the lesson is viewed, so looking at a
    lesson three times leaves at most one open attempt; a replay after a completed attempt gets a new
    one. The learner's row is locked so two tabs starting at once still share one attempt.
    """
    from lms.accounts.models import User

    from .models import H5PAttempt

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=learner.pk).first()
        attempt = h5p_attempt_open(learner=learner, lesson=lesson, package=package)
        if attempt is None:
            attempt = H5PAttempt.objects.create(learner=learner, lesson=lesson, package=package)
    return attempt


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def h5p_statement_record(*, learner, token: str, statement):
    """Store ``statement`` for the learner's attempt ``token``; a top-level scored one sets the score.

    The attempt must be the signed-in learner's own, started by the server; the statement's actor is
    never read. Child statements (``context.contextActivities.parent``, or an object id with a
    ``subContentId``) are kept but never change the attempt. A top-level score out of range
    (0 ≤ raw ≤ max, max > 0) is kept and refused.
    """
    import json
    from decimal import Decimal

    from .models import H5PAttempt, H5PStatement

    permissions.require(learner, "course.learn")
    if not isinstance(statement, dict):
        raise StatementRefused("malformed")
    try:  # plain JSON only: no NaN/Infinity (SQLite refuses them), no NUL (PostgreSQL's jsonb refuses it)
        text = json.dumps(statement, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise StatementRefused("not plain JSON") from error
    if "\\u0000" in text or len(text) > settings.H5P_STATEMENT_MAX_BYTES:
        raise StatementRefused("NUL character or too large")
    with transaction.atomic():
        attempt = H5PAttempt.objects.select_for_update().select_related("package", "lesson").filter(token=token).first()
        if attempt is None or attempt.learner_id != learner.pk:
            raise PermissionDenied("not this learner's attempt")
        lesson = attempt.lesson.specific
        _require_activity(learner=learner, lesson=lesson, package=attempt.package)
        verb = (statement.get("verb") or {}).get("id", "") if isinstance(statement.get("verb"), dict) else ""
        context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
        activities = context.get("contextActivities") if isinstance(context.get("contextActivities"), dict) else {}
        target = statement.get("object") if isinstance(statement.get("object"), dict) else {}
        # A child question names its container as parent, and H5P gives it an object id with its
        # subContentId; either one keeps it from touching the activity's score.
        top_level = not activities.get("parent") and "subContentId=" not in str(target.get("id", ""))
        row = H5PStatement.objects.create(
            attempt=attempt, verb=str(verb)[:255], top_level=top_level, statement=statement
        )
        result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
        if not top_level or not result:
            return row
        score = result.get("score") if isinstance(result.get("score"), dict) else None
        changed = []
        if score is not None:
            raw, top = _number(score.get("raw")), _number(score.get("max"))
            if raw is None or top is None or top <= 0 or not 0 <= raw <= top:
                row.refusal = "score_range"  # kept as received, but it changes nothing
                return row
            attempt.score_raw, attempt.score_max = Decimal(str(raw)), Decimal(str(top))
            attempt.success = result.get("success") if isinstance(result.get("success"), bool) else None
            attempt.scored_at = timezone.now()
            changed += ["score_raw", "score_max", "success", "scored_at"]
        if (result.get("completion") is True or verb.endswith("/completed")) and attempt.completed_at is None:
            attempt.completed_at = timezone.now()
            changed.append("completed_at")
        if changed:
            attempt.save(update_fields=changed)
            row.counted = True
            row.save(update_fields=["counted"])
        if "completed_at" in changed:
            audit_record(
                actor=learner,
                action="h5p.complete",
                target=attempt,
                facility=learner.facility_id,
                data={"score": str(attempt.score_raw), "max": str(attempt.score_max)},
            )
            from courses.services import course_complete_if_done

            course_complete_if_done(learner=learner, course=lesson.course())
    return row


class StateRefused(Exception):
    """Resume state that is not kept; ``problem`` says why (in Indonesian and English)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.text("en"))
        self.problem = problem


STATE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def h5p_state_save(*, grant, content_id: str, data_type: str, sub_content_id: str, data: str | None) -> bool:
    """Save (or with ``data`` None, delete) the resume state of the learner and activity the grant names.

    The grant (from the signed content URL) is the only credential: the state always belongs to its
    learner, lesson and package, whatever the browser says. All state of one learner at one activity
    together stays under ``H5P_STATE_MAX_BYTES``. Saving the same data again changes nothing; returns
    whether a row was written or deleted.
    """
    from lms.accounts.models import User

    from .models import H5PUserState

    if content_id != PLAYER_CONTENT_ID or not STATE_KEY.match(data_type) or not STATE_KEY.match(sub_content_id):
        raise StateRefused(Problem("state_key", _("This saved progress is not recognised.")))
    user = User.objects.filter(pk=grant.user_id, is_active=True).first()
    if user is None or not permissions.is_learner(user):
        raise PermissionDenied("only learners keep state")
    from courses.models import LessonPage

    lesson = LessonPage.objects.live().filter(pk=grant.lesson_id).first()
    package = H5PPackage.objects.filter(pk=grant.package_id).first()
    if lesson is None or package is None:
        raise PermissionDenied("no such activity")
    _require_activity(learner=user, lesson=lesson, package=package)
    activity = dict(learner=user, lesson_id=lesson.pk, package_id=package.pk)
    key = dict(activity, data_type=data_type, sub_content_id=sub_content_id)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one learner's saves in turn
        if data is None:
            return H5PUserState.objects.filter(**key).delete()[0] > 0
        others = (
            H5PUserState.objects.filter(**activity)
            .exclude(data_type=data_type, sub_content_id=sub_content_id)
            .values_list("data", flat=True)
        )
        size = len(data.encode()) + sum(len(other.encode()) for other in others)
        if size > settings.H5P_STATE_MAX_BYTES:
            limit = f"{settings.H5P_STATE_MAX_BYTES / 1024:g} KiB"
            raise StateRefused(
                Problem(
                    "state_size",
                    _("Your progress in this activity is too large to keep (over %(limit)s) and was not saved."),
                    (("limit", limit),),
                )
            )
        row = H5PUserState.objects.filter(**key).first()
        if row is not None and row.data == data:
            return False
        if row is None:
            H5PUserState.objects.create(**key, data=data)
        else:
            row.data = data
            row.save(update_fields=["data", "updated_at"])
    return True


def h5p_state_load(*, grant, data_type: str = "state", sub_content_id: str = "0") -> str | None:
    """The saved resume state of the grant's learner at its activity (None when nothing is kept)."""
    from .models import H5PUserState

    row = H5PUserState.objects.filter(
        learner_id=grant.user_id,
        lesson_id=grant.lesson_id,
        package_id=grant.package_id,
        data_type=data_type,
        sub_content_id=sub_content_id,
    ).first()
    return row.data if row else None
