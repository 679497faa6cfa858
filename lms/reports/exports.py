"""Tables (``dashboards.Table``) as CSV or XLSX downloads."""

from __future__ import annotations

import csv
import io
import re

from django.http import HttpResponse
from openpyxl import Workbook

from .dashboards import Table
from .selectors import _csv_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_csv(table: Table, *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([_csv_safe(h) for h in table.headers])
    for row in table.all_rows():
        writer.writerow([cell if isinstance(cell, int | float) else _csv_safe(cell) for cell in row])
    return response


def table_xlsx(table: Table, *, filename: str) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "-", table.title)[:31])
    sheet.append(list(table.headers))
    for row in table.all_rows():
        sheet.append([cell if isinstance(cell, int | float) else _csv_safe(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
