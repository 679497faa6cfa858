"""Checks an uploaded ``.h5p`` file against the H5P package specification, before anything is stored.

:func:`validate_package` reads the zip's directory and every member, and collects *every* problem it
finds (never stopping at the first), so an officer fixes a package in one round. It writes nothing:
:mod:`courses.h5p.services` extracts a package only once it passed. Limits come from settings:
``H5P_MAX_FILES``, ``H5P_MAX_FILE_BYTES`` (16 MiB), ``H5P_MAX_TOTAL_BYTES`` (64 MiB) and
``H5P_MAX_COMPRESSION_RATIO``.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# H5P's default whitelists, without the types a browser can run as a page (svg, xml, html, js, php, swf).
_CONTENT_TYPES = (
    "json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf "
    "doc docx xls xlsx ppt pptx odt ods odp csv diff patch md textile vtt webvtt gltf glb"
)
CONTENT_EXTENSIONS = frozenset(_CONTENT_TYPES.split(" "))
# Library folders carry the code: they may add scripts, styles and vector images.
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css", "svg", "xml"}
MACHINE_NAME = re.compile(r"^[A-Za-z][\w.\-]{0,254}$")
LIBRARY_FOLDER = re.compile(r"^(?P<name>[A-Za-z][\w.\-]{0,254})-(?P<major>\d{1,4})\.(?P<minor>\d{1,4})$")
EMBED_TYPES = {"div", "iframe"}
BOMB_MIN_BYTES = 1024 * 1024  # small members may compress very well (a file of spaces) without harm

LibraryKey = tuple[str, int, int]  # machineName, major, minor


def key_str(key: LibraryKey) -> str:
    return f"{key[0]}-{key[1]}.{key[2]}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a package: a code for tests, and a message in the reader's language."""

    code: str
    message: str  # lazy msgid
    params: tuple = ()

    def text(self, language: str | None = None) -> str:
        if language is None:
            return str(self.message) % dict(self.params) if self.params else str(self.message)
        with translation.override(language):
            return self.text()

    def bilingual(self) -> str:
        return f"{self.text('id')} / {self.text('en')}"

    def as_json(self) -> dict:
        return {"code": self.code, "id": self.text("id"), "en": self.text("en")}


@dataclass
class PackageReport:
    problems: list[Problem] = field(default_factory=list)
    h5p: dict = field(default_factory=dict)
    libraries: dict[LibraryKey, dict] = field(default_factory=dict)  # library.json of folders in the package
    files: list[zipfile.ZipInfo] = field(default_factory=list)  # members to extract (no directories)
    total_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, code: str, message, **params) -> None:
        self.problems.append(Problem(code, message, tuple(sorted(params.items()))))

    @property
    def main_library(self) -> LibraryKey | None:
        return _main_key(self.h5p)

    def dependency_keys(self) -> set[LibraryKey]:
        """Every library the content needs, from the package's own folders and the installed ones."""
        return set(self._closure)

    _closure: dict = field(default_factory=dict)


def _limits() -> dict:
    return {
        "files": settings.H5P_MAX_FILES,
        "file_bytes": settings.H5P_MAX_FILE_BYTES,
        "total_bytes": settings.H5P_MAX_TOTAL_BYTES,
        "ratio": settings.H5P_MAX_COMPRESSION_RATIO,
    }


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def _main_key(h5p: dict) -> LibraryKey | None:
    main = h5p.get("mainLibrary")
    for dep in h5p.get("preloadedDependencies") or []:
        key = _dep_key(dep)
        if key and key[0] == main:
            return key
    return None


def _dep_key(dep) -> LibraryKey | None:
    if not isinstance(dep, dict):
        return None
    name, major, minor = dep.get("machineName"), dep.get("majorVersion"), dep.get("minorVersion")
    if isinstance(major, bool) or isinstance(minor, bool):  # int(True) == 1, but true is no version
        return None
    try:
        major, minor = int(major), int(minor)
    except (TypeError, ValueError):
        return None
    if not isinstance(name, str) or not MACHINE_NAME.match(name) or major < 0 or minor < 0:
        return None
    return name, major, minor


def _read_json(zf: zipfile.ZipFile, info: zipfile.ZipInfo, report: PackageReport, name: str):
    try:
        data = json.loads(zf.read(info).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile, OSError, RuntimeError):
        report.add("json_invalid", _("%(file)s is not valid JSON."), file=name)
        return None
    if not isinstance(data, dict):
        report.add("json_invalid", _("%(file)s is not valid JSON."), file=name)
        return None
    return data


def _check_names(zf: zipfile.ZipFile, report: PackageReport) -> dict[str, zipfile.ZipInfo]:
    """Member names, sizes and compression; returns the safe members by name."""
    limits = _limits()
    infos = zf.infolist()
    if len(infos) > limits["files"]:
        report.add(
            "too_many_files",
            _("The package has %(count)d files; at most %(max)d are allowed."),
            count=len(infos),
            max=limits["files"],
        )
    members: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    compressed_total = 0
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            report.add("absolute_path", _("%(file)s: absolute paths are not allowed."), file=name)
            continue
        if "\\" in name:
            report.add("backslash_path", _("%(file)s: backslashes are not allowed in paths."), file=name)
            continue
        parts = name.rstrip("/").split("/")
        if any(part in ("..", ".", "") for part in parts):
            report.add("path_traversal", _("%(file)s: the path leaves the package or is malformed."), file=name)
            continue
        if stat.S_ISLNK(mode):
            report.add("symlink", _("%(file)s: symbolic links are not allowed."), file=name)
            continue
        folded = name.rstrip("/").casefold()
        if folded in seen:
            report.add("duplicate_entry", _("%(file)s appears more than once in the package."), file=name)
            continue
        seen.add(folded)
        if info.is_dir():
            continue
        if info.file_size > limits["file_bytes"]:
            report.add(
                "file_too_large",
                _("%(file)s is %(size)s; each file may be at most %(max)s."),
                file=name,
                size=_mib(info.file_size),
                max=_mib(limits["file_bytes"]),
            )
        if info.file_size >= BOMB_MIN_BYTES and info.file_size > limits["ratio"] * max(info.compress_size, 1):
            report.add("compression_ratio", _("%(file)s is compressed suspiciously well (a zip bomb?)."), file=name)
        report.total_bytes += info.file_size
        compressed_total += info.compress_size
        members[name] = info
    if report.total_bytes > limits["total_bytes"]:
        report.add(
            "total_too_large",
            _("The unpacked package is %(size)s; at most %(max)s is allowed."),
            size=_mib(report.total_bytes),
            max=_mib(limits["total_bytes"]),
        )
    if report.total_bytes >= BOMB_MIN_BYTES and report.total_bytes > limits["ratio"] * max(compressed_total, 1):
        report.add("compression_ratio_total", _("The package is compressed suspiciously well (a zip bomb?)."))
    return members


def _check_h5p_json(h5p: dict, report: PackageReport) -> None:
    for key in ("title", "language", "mainLibrary"):
        if not isinstance(h5p.get(key), str) or not h5p.get(key).strip():
            report.add("h5p_field", _("h5p.json: the field %(field)s is missing or empty."), field=key)
    embed = h5p.get("embedTypes")
    if not isinstance(embed, list) or not embed or not set(embed) <= EMBED_TYPES:
        report.add("h5p_field", _("h5p.json: the field %(field)s is missing or empty."), field="embedTypes")
    deps = h5p.get("preloadedDependencies")
    if not isinstance(deps, list) or not deps:
        report.add("h5p_field", _("h5p.json: the field %(field)s is missing or empty."), field="preloadedDependencies")
        return
    for dep in deps:
        if _dep_key(dep) is None:
            report.add(
                "dependency_malformed", _("%(file)s: a dependency has no valid name and version."), file="h5p.json"
            )
    if isinstance(h5p.get("mainLibrary"), str) and _main_key(h5p) is None:
        report.add(
            "main_library_not_preloaded",
            _("h5p.json: the main library %(name)s is not among the preloaded dependencies."),
            name=h5p.get("mainLibrary"),
        )


def _check_library(zf, folder: str, key: LibraryKey, members: dict, report: PackageReport) -> None:
    json_name = f"{folder}/library.json"
    info = members.get(json_name)
    if info is None:
        report.add("library_json_missing", _("%(folder)s has no library.json."), folder=folder)
        return
    lib = _read_json(zf, info, report, json_name)
    if lib is None:
        return
    for name in ("title", "machineName", "majorVersion", "minorVersion", "patchVersion", "runnable"):
        if name not in lib or lib[name] in ("", None):
            report.add("library_field", _("%(file)s: the field %(field)s is missing."), file=json_name, field=name)
    if "runnable" in lib and lib["runnable"] not in (0, 1, "0", "1"):  # H5P's rule; true/false are 1/0 in JSON too
        report.add("library_field", _("%(file)s: the field %(field)s is missing."), file=json_name, field="runnable")
    try:
        declared = (lib.get("machineName"), int(lib.get("majorVersion")), int(lib.get("minorVersion")))
        int(lib.get("patchVersion"))
    except (TypeError, ValueError):
        declared = None
    if declared is not None and declared != key:
        report.add(
            "library_folder_mismatch",
            _("%(folder)s: the folder name does not match library.json (%(declared)s)."),
            folder=folder,
            declared=key_str(declared),
        )
    for field_name in ("preloadedJs", "preloadedCss"):
        entries = lib.get(field_name) or []
        if not isinstance(entries, list):
            report.add(
                "library_field", _("%(file)s: the field %(field)s is missing."), file=json_name, field=field_name
            )
            continue
        for entry in entries:
            path = entry.get("path") if isinstance(entry, dict) else None
            if not isinstance(path, str) or f"{folder}/{path}" not in members:
                report.add(
                    "preloaded_file_missing",
                    _("%(folder)s: the file %(file)s named in %(field)s is missing."),
                    folder=folder,
                    file=str(path),
                    field=field_name,
                )
    report.libraries[key] = lib


def _check_dependencies(report: PackageReport, installed: Callable[[LibraryKey], dict | None]) -> None:
    """Walk preloaded, dynamic and editor dependencies from h5p.json through every library reached."""
    closure: dict[LibraryKey, dict] = {}
    missing: set[LibraryKey] = set()
    queue = [_dep_key(dep) for dep in report.h5p.get("preloadedDependencies") or []]
    while queue:
        key = queue.pop()
        if key is None or key in closure or key in missing:
            continue
        lib = report.libraries.get(key) or installed(key)
        if lib is None:
            missing.add(key)
            continue
        closure[key] = lib
        for field_name in ("preloadedDependencies", "dynamicDependencies", "editorDependencies"):
            for dep in lib.get(field_name) or []:
                dep_key = _dep_key(dep)
                if dep_key is None:
                    report.add(
                        "dependency_malformed",
                        _("%(file)s: a dependency has no valid name and version."),
                        file=f"{key_str(key)}/library.json",
                    )
                queue.append(dep_key)
    for key in sorted(missing):
        report.add(
            "dependency_missing",
            _("The library %(library)s is needed but is neither in the package nor installed."),
            library=key_str(key),
        )
    report._closure = closure


def validate_package(path, *, installed: Callable[[LibraryKey], dict | None] = lambda key: None) -> PackageReport:
    """Every problem with the ``.h5p`` file at ``path``; ``installed(key)`` gives an installed library.json."""
    report = PackageReport()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        report.add("not_a_zip", _("The file is not an H5P package (not a zip file)."))
        return report
    with zf:
        members = _check_names(zf, report)
        folders: dict[str, list[str]] = {}
        for name in members:
            top, _sep, rest = name.partition("/")
            if not rest:
                if name != "h5p.json":
                    report.add(
                        "unexpected_file", _("%(file)s: only h5p.json may sit at the top of the package."), file=name
                    )
                continue
            folders.setdefault(top, []).append(rest)
        # Extensions: content/ from the content list, library folders from the library list.
        for name in members:
            top, _sep, rest = name.partition("/")
            if not rest:
                continue
            allowed = CONTENT_EXTENSIONS if top == "content" else LIBRARY_EXTENSIONS
            ext = PurePosixPath(rest).suffix.lower().lstrip(".")
            if ext not in allowed:
                report.add(
                    "extension", _("%(file)s: files of type .%(ext)s are not allowed here."), file=name, ext=ext or "?"
                )
        if "h5p.json" not in members:
            report.add("h5p_json_missing", _("The package has no h5p.json."))
        else:
            h5p = _read_json(zf, members["h5p.json"], report, "h5p.json")
            if h5p is not None:
                report.h5p = h5p
                _check_h5p_json(h5p, report)
        if "content/content.json" not in members:
            report.add("content_json_missing", _("The package has no content/content.json."))
        else:
            _read_json(zf, members["content/content.json"], report, "content/content.json")
        for folder in sorted(folders):
            if folder == "content":
                continue
            match = LIBRARY_FOLDER.match(folder)
            if not match:
                report.add(
                    "library_folder_name",
                    _("%(folder)s: a library folder must be named machineName-major.minor."),
                    folder=folder,
                )
                continue
            key = (match["name"], int(match["major"]), int(match["minor"]))
            _check_library(zf, folder, key, members, report)
        if report.h5p:
            _check_dependencies(report, installed)
        report.files = list(members.values())
    return report
