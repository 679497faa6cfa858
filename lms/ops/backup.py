"""Backing up and restoring a whole deployment: the database and both media folders, in one archive.

The archive (``.tar.gz``) holds ``manifest.json`` (format, when, which migrations, row counts),
``database.json`` (every row with its id, written by ``dumpdata``, so it loads into SQLite or
PostgreSQL alike) and the ``media/`` and ``private/`` folders. Sessions are left out: a restore
signs everyone out. Content types and permissions travel with their ids, so every reference to
them (and Wagtail's page logs, which may point at deleted pages) comes back exactly.

A backup is written next to its destination and renamed into place only when complete, so a
crash never leaves a file that looks like a backup. A restore checks the whole archive before it
changes anything, refuses a non-empty deployment (unless forced) and an archive from newer code,
loads every row in one transaction (a failure leaves the database as it was), and only then puts
the files in place.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
EXCLUDED = ["sessions"]
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """An archive that cannot be restored here, or a deployment that refuses it; says why."""


@dataclass
class BackupSummary:
    path: Path
    rows: int
    files: dict[str, int] = field(default_factory=dict)


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def database_flush() -> None:
    """Empty every table, content types included (no post-migrate refill), inside the caller's transaction.

    PostgreSQL refuses to TRUNCATE a table with foreign-key checks still pending in the same
    transaction, so they are run first; the rows loaded afterwards are checked at commit again.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _dump_order() -> list[str]:
    """Content types and permissions first: rows after them may refer to them while loading."""
    from django.apps import apps

    first = ["contenttypes", "auth"]
    rest = [config.label for config in apps.get_app_configs() if config.label not in first + EXCLUDED]
    return first + rest


def _folder(key: str) -> Path:
    return Path(getattr(settings, FOLDERS[key]))


def backup_create(*, destination: Path) -> BackupSummary:
    """Write the archive to ``destination`` (replaced only once the new one is complete)."""
    destination = Path(destination).resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bekal-backup-") as work:
        dump = Path(work) / "database.json"
        # One read transaction, so the rows are consistent with each other.
        with transaction.atomic():
            call_command(
                "dumpdata",
                *_dump_order(),
                exclude=EXCLUDED,
                output=str(dump),
                verbosity=0,
            )
            migrations = _applied_migrations()
        rows = len(json.loads(dump.read_text(encoding="utf-8")))
        files = {
            key: sum(1 for p in _folder(key).rglob("*") if p.is_file()) if _folder(key).exists() else 0
            for key in FOLDERS
        }
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[DEFAULT_DB_ALIAS].vendor,
            "migrations": migrations,
            "rows": rows,
            "files": files,
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            manifest_path = Path(work) / "manifest.json"
            manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            archive.add(manifest_path, arcname="manifest.json")
            archive.add(dump, arcname="database.json")
            for key in FOLDERS:
                if _folder(key).exists():
                    archive.add(_folder(key), arcname=key)
        os.replace(partial, destination)
    return BackupSummary(path=destination, rows=rows, files=files)


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember("manifest.json")
        manifest = json.loads(archive.extractfile(member).read().decode("utf-8"))
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError(_("This file is not a Bekal backup (no readable manifest.json).")) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("This backup has format %(found)s; this version reads format %(known)s.")
            % {"found": manifest.get("format"), "known": FORMAT}
        )
    return manifest


def _check_migrations(manifest: dict) -> None:
    """The archive's schema must be one this code knows: refuse a backup made by newer code."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            _("This backup was made by a newer version of Bekal (unknown migrations: %(names)s). Upgrade first.")
            % {"names": ", ".join(unknown[:5])}
        )


def _deployment_is_empty() -> bool:
    from lms.accounts.models import Facility, User

    return not User.objects.exists() and not Facility.objects.exists()


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = member.name
        if name.startswith(("/", "\\")) or ".." in Path(name).parts or not (member.isfile() or member.isdir()):
            raise BackupError(_("The backup contains an unsafe entry: %(name)s") % {"name": name})
        if name not in {"manifest.json", "database.json"} and name.split("/")[0] not in FOLDERS:
            raise BackupError(_("The backup contains an unexpected entry: %(name)s") % {"name": name})
        members.append(member)
    return members


def backup_restore(*, source: Path, force: bool = False) -> BackupSummary:
    """Restore ``source`` into this deployment (migrated first); see the module docstring."""
    source = Path(source)
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError, EOFError, gzip.BadGzipFile) as exc:
        raise BackupError(_("The backup file cannot be read: %(error)s") % {"error": exc}) from exc
    with archive, tempfile.TemporaryDirectory(prefix="bekal-restore-") as work:
        manifest = _read_manifest(archive)
        _check_migrations(manifest)
        members = _safe_members(archive)
        if "database.json" not in {m.name for m in members}:
            raise BackupError(_("The backup has no database.json."))
        try:
            archive.extractall(work, members=members, filter="data")
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(_("The backup file is damaged: %(error)s") % {"error": exc}) from exc
        call_command("migrate", interactive=False, verbosity=0)
        if not force and not _deployment_is_empty():
            raise BackupError(_("This deployment already has data. Restore only into an empty one (or use --force)."))
        for key in FOLDERS:
            target = _folder(key)
            if not force and target.exists() and any(p.is_file() for p in target.rglob("*")):
                raise BackupError(
                    _("The folder %(folder)s is not empty. Restore only into an empty one (or use --force).")
                    % {"folder": target}
                )
        with transaction.atomic():
            database_flush()  # so the archive's rows come back with their own ids
            ContentType.objects.clear_cache()
            call_command("loaddata", str(Path(work) / "database.json"), verbosity=0)
        ContentType.objects.clear_cache()
        call_command("migrate", interactive=False, verbosity=0)  # content types of models newer than the backup
        files = {}
        for key in FOLDERS:
            extracted, target = Path(work) / key, _folder(key)
            files[key] = 0
            if extracted.exists():
                shutil.copytree(extracted, target, dirs_exist_ok=True)
                files[key] = sum(1 for p in extracted.rglob("*") if p.is_file())
    return BackupSummary(path=source, rows=manifest.get("rows", 0), files=files)
