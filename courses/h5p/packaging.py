"""Builds real ``.h5p`` files from the libraries written for Bekal (``libraries_src/``), never from the Hub.

Used by ``seed_demo`` (the demo course's activity), the tests and the benchmark. The zip is
deterministic (fixed timestamps, sorted members), so building twice gives the same bytes.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "libraries_src"
TRUE_FALSE = "H5P.BekalTrueFalse-1.0"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def true_false_content(*, question: str, correct: bool) -> dict:
    return {
        "question": question,
        "correct": correct,
        "l10n": {"trueText": "Benar", "falseText": "Salah", "correctText": "Tepat!", "wrongText": "Belum tepat."},
    }


def true_false_h5p_json(title: str) -> dict:
    return {
        "title": title,
        "language": "id",
        "mainLibrary": "H5P.BekalTrueFalse",
        "embedTypes": ["div"],
        "license": "U",
        "preloadedDependencies": [{"machineName": "H5P.BekalTrueFalse", "majorVersion": 1, "minorVersion": 0}],
    }


def _write(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def build_package(
    dest: Path,
    *,
    title: str,
    content: dict,
    h5p_json: dict | None = None,
    library_folders: tuple[str, ...] = (TRUE_FALSE,),
    extra_files: dict[str, bytes] | None = None,
) -> Path:
    """Write an ``.h5p`` at ``dest``: h5p.json, content/content.json, the library folders and any extras."""
    members: dict[str, bytes] = {
        "h5p.json": json.dumps(h5p_json or true_false_h5p_json(title), indent=2).encode(),
        "content/content.json": json.dumps(content, ensure_ascii=False).encode(),
    }
    for folder in library_folders:
        for path in sorted((SOURCES / folder).rglob("*")):
            if path.is_file():
                members[f"{folder}/{path.relative_to(SOURCES / folder).as_posix()}"] = path.read_bytes()
    members.update(extra_files or {})
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w") as zf:
        for name in sorted(members):
            _write(zf, name, members[name])
    return dest


def build_true_false(dest: Path, *, title: str, question: str, correct: bool) -> Path:
    return build_package(dest, title=title, content=true_false_content(question=question, correct=correct))
