"""The monthly PNBP and sales report of one facility, as CSV and XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _


def _header() -> list[str]:
    return [
        _("Date"),
        _("Order number"),
        _("Product"),
        _("Quantity"),
        _("Amount (Rp)"),
        _("Premi (Rp)"),
        _("PNBP (Rp)"),
        _("Production capital (Rp)"),
        _("Split rule (premi/PNBP/capital %)"),
    ]


def report_rows(sales) -> list[list]:
    return [
        [
            sale.sold_on.isoformat(),
            sale.order_line.order.number,
            sale.title,
            sale.quantity,
            sale.amount,
            sale.premi_amount,
            sale.pnbp_amount,
            sale.capital_amount,
            f"{sale.split_rule.premi_percent:g}/{sale.split_rule.pnbp_percent:g}/{sale.split_rule.capital_percent:g}",
        ]
        for sale in sales
    ]


def _total_row(totals: dict) -> list:
    return [_("Total"), "", "", "", totals["amount"], totals["premi"], totals["pnbp"], totals["capital"], ""]


def report_csv(*, facility, month, sales, totals) -> tuple[bytes, str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_header())
    writer.writerows(report_rows(sales))
    writer.writerow(_total_row(totals))
    # A byte-order mark so spreadsheet programs open the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode(), "text/csv; charset=utf-8"


def report_xlsx(*, facility, month, sales, totals) -> tuple[bytes, str]:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"{month:%Y-%m}"
    sheet.append([_("Sales and PNBP report"), facility.name, f"{month:%Y-%m}"])
    sheet.append(_header())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in report_rows(sales):
        sheet.append(row)
    sheet.append(_total_row(totals))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in "EFGH":
        for cell in sheet[column][2:]:
            cell.number_format = "#,##0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


FORMATS = {"csv": report_csv, "xlsx": report_xlsx}
