"""Reading and checking a learner CSV file; pure reads, nothing is saved here.

Every row is checked before anything is saved; every problem is reported with the line number the
officer sees in a spreadsheet (the header is line 1). Column names may be English or Indonesian, and
the file may use commas or semicolons (Excel in Indonesian saves with semicolons).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Cohort, Facility, User

COLUMNS = {
    "registration_number": {
        "registration_number",
        "registration number",
        "nomor_registrasi",
        "nomor registrasi",
        "no_registrasi",
        "no registrasi",
        "no. registrasi",
        "noreg",
    },
    "full_name": {"full_name", "full name", "name", "nama", "nama_lengkap", "nama lengkap"},
    "cohort": {"cohort", "kelas", "class"},
    "birth_year": {"birth_year", "birth year", "tahun_lahir", "tahun lahir"},
    "gender": {"gender", "jenis_kelamin", "jenis kelamin", "jk", "sex"},
}
REQUIRED = ("registration_number", "full_name", "cohort")
GENDERS = {
    "l": User.Gender.MALE,
    "m": User.Gender.MALE,
    "male": User.Gender.MALE,
    "laki-laki": User.Gender.MALE,
    "laki laki": User.Gender.MALE,
    "pria": User.Gender.MALE,
    "p": User.Gender.FEMALE,
    "f": User.Gender.FEMALE,
    "female": User.Gender.FEMALE,
    "perempuan": User.Gender.FEMALE,
    "wanita": User.Gender.FEMALE,
}
REGISTRATION_RE = re.compile(r"^[A-Za-z0-9./\-_ ]{1,40}$")
MAX_ROWS = 5000


@dataclass
class CheckedFile:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # whole-file problems and "Line n: …" row problems

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, name in enumerate(header):
        key = " ".join(name.strip().lower().split())
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in found:
                found[column] = index
    return found


def check_file(data: bytes, *, facility: Facility) -> CheckedFile:
    """Parse and check every row of ``data`` for ``facility``; the result lists all problems at once."""
    result = CheckedFile()
    if not data or not data.strip():
        result.errors.append(_("The file is empty."))
        return result
    if len(data) > settings.LEARNER_IMPORT_MAX_BYTES:
        result.errors.append(
            _("The file is too large (at most %(mb)d MB).") % {"mb": settings.LEARNER_IMPORT_MAX_BYTES // 2**20}
        )
        return result
    if data[:2] == b"PK" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or b"\x00" in data[:4096]:
        result.errors.append(
            _(
                "This is not a CSV file (it looks like a spreadsheet workbook). In the spreadsheet, choose "
                "“Save as” and the type “CSV UTF-8”, then upload that file."
            )
        )
        return result
    text = _decode(data)
    if text is None:
        result.errors.append(
            _(
                "The file is not in UTF-8 encoding. In the spreadsheet, choose “Save as” and the type “CSV UTF-8”, "
                "then upload that file again."
            )
        )
        return result
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        result.errors.append(_("The file is empty."))
        return result
    columns = _header_map(header)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        result.errors.append(
            _(
                "Line 1: the header must have the columns %(required)s (optional: %(optional)s). Missing: "
                "%(missing)s. Found: %(found)s."
            )
            % {
                "required": ", ".join(REQUIRED),
                "optional": "birth_year, gender",
                "missing": ", ".join(missing),
                "found": ", ".join(h.strip() for h in header if h.strip()) or "—",
            }
        )
        return result

    cohorts = {c.name.strip().lower(): c for c in Cohort.objects.filter(facility=facility)}
    existing = {
        n.strip().lower()
        for n in User.objects.filter(facility=facility, role=User.Role.LEARNER).values_list(
            "registration_number", flat=True
        )
    }
    seen: dict[str, int] = {}
    this_year = timezone.now().year
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank lines are skipped
            if len(result.rows) >= MAX_ROWS:
                result.errors.append(
                    _("The file has more than %(max)d rows; split it into smaller files.") % {"max": MAX_ROWS}
                )
                break

            def cell(column, record=record):
                index = columns.get(column)
                return record[index].strip() if index is not None and index < len(record) else ""

            problems = []
            number = " ".join(cell("registration_number").split())
            name = " ".join(cell("full_name").split())
            cohort_name = cell("cohort")
            if not number:
                problems.append(_("the registration number is empty"))
            elif not REGISTRATION_RE.match(number):
                problems.append(
                    _(
                        "the registration number “%(value)s” may only have letters, digits, dots, dashes and slashes "
                        "(at most 40)"
                    )
                    % {"value": number[:60]}
                )
            elif number.lower() in existing:
                problems.append(
                    _("registration number %(value)s already exists in this facility (not changed)") % {"value": number}
                )
            elif number.lower() in seen:
                problems.append(
                    _("registration number %(value)s is also on line %(other)d")
                    % {"value": number, "other": seen[number.lower()]}
                )
            if number:
                seen.setdefault(number.lower(), line)
            if not name:
                problems.append(_("the full name is empty"))
            elif len(name) > 160:
                problems.append(_("the full name is longer than 160 characters"))
            cohort = None
            if not cohort_name:
                problems.append(_("the cohort is empty"))
            else:
                cohort = cohorts.get(cohort_name.lower())
                if cohort is None:
                    problems.append(
                        _("there is no cohort “%(value)s” in %(facility)s")
                        % {"value": cohort_name, "facility": facility.name}
                    )
            birth_year = None
            if cell("birth_year"):
                raw = cell("birth_year")
                if not raw.isdigit() or not (1900 <= int(raw) <= this_year - 10):
                    problems.append(
                        _("the birth year “%(value)s” must be a year between 1900 and %(max)d")
                        % {"value": raw, "max": this_year - 10}
                    )
                else:
                    birth_year = int(raw)
            gender = ""
            if cell("gender"):
                gender = GENDERS.get(cell("gender").lower(), "")
                if not gender:
                    problems.append(_("the gender “%(value)s” must be L or P") % {"value": cell("gender")})
            if problems:
                result.errors.append(
                    _("Line %(line)d: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
                )
            else:
                result.rows.append(
                    {
                        "line": line,
                        "registration_number": number,
                        "full_name": name,
                        "cohort_id": cohort.pk,
                        "cohort": cohort.name,
                        "birth_year": birth_year,
                        "gender": gender,
                    }
                )
    except csv.Error as error:
        result.errors.append(
            _("Line %(line)d: the CSV is malformed (%(error)s).") % {"line": reader.line_num, "error": error}
        )
    if not result.rows and not result.errors:
        result.errors.append(_("The file has a header but no learners."))
    return result
