"""Facility and regional dashboards, their CSV/XLSX exports and the monthly facility PDF.

The views read only the aggregate tables (``dashboards``), scoped through ``permissions.scope``.
``?month=YYYY-MM`` picks the month; ``?format=csv|xlsx&table=<name>`` downloads one table.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.accounts.decorators import officer_required
from lms.accounts.models import User

from . import dashboards, exports
from .models import FacilityCourseStat, FacilityMonthStat, LearnerActivity, TerminalMonthStat


def _month(request) -> date:
    today = timezone.localdate().replace(day=1)
    raw = request.GET.get("month", "")
    if not raw:
        return today
    try:
        year, month = (int(part) for part in raw.split("-"))
        return date(year, month, 1)
    except ValueError:
        messages.warning(request, _("“%(value)s” is not a month (use YYYY-MM); showing this month.") % {"value": raw})
        return today


def _sees_many_facilities(user) -> bool:
    return user.is_superuser or user.role == User.Role.REGIONAL_ADMIN


def _facility(request):
    """The facility asked for: ``?facility=<code>`` within the viewer's scope, else their own."""
    visible = permissions.facilities_visible_to(request.user)
    code = request.GET.get("facility", "")
    if code:
        return get_object_or_404(visible, code=code)
    if _sees_many_facilities(request.user):
        return None
    return get_object_or_404(visible, pk=request.user.facility_id)


def _scoped(user, model, *, owner: str | None = None):
    return permissions.scope(model.objects.all(), user, facility="facility", owner=owner)


def _export(request, tables: dict, stem: str):
    fmt, name = request.GET.get("format", ""), request.GET.get("table", "")
    if not fmt:
        return None
    if fmt not in ("csv", "xlsx") or name not in tables:
        raise Http404(_("Unknown export: choose format csv or xlsx and one of the tables on the page."))
    writer = exports.table_csv if fmt == "csv" else exports.table_xlsx
    return writer(tables[name], filename=f"{stem}-{name}")


def _facility_data(request, facility, month):
    return dashboards.facility_dashboard(
        facility=facility,
        month=month,
        course_stats=_scoped(request.user, FacilityCourseStat),
        month_stats=_scoped(request.user, FacilityMonthStat),
        terminal_stats=_scoped(request.user, TerminalMonthStat),
        learner_activity=_scoped(request.user, LearnerActivity),
        at_risk_visible=_scoped(request.user, LearnerActivity, owner="learner"),
    )


@officer_required
def facility_dashboard(request):
    facility = _facility(request)
    if facility is None:
        return redirect("reports:region_dashboard")
    permissions.require(request.user, "report.facility", facility=facility)
    month = _month(request)
    data = _facility_data(request, facility, month)
    exported = _export(request, data.tables, f"laporan-{facility.code}-{month:%Y-%m}")
    if exported:
        return exported
    return render(
        request,
        "reports/facility_dashboard.html",
        {
            "d": data,
            "month_value": f"{month:%Y-%m}",
            "can_pdf": permissions.can(request.user, "report.monthly", facility=facility),
            "can_region": permissions.can(request.user, "report.region"),
            "lists_taught_only": not request.user.is_superuser and request.user.role == User.Role.INSTRUCTOR,
        },
    )


@officer_required
def facility_report_pdf(request):
    facility = _facility(request)
    if facility is None:
        return redirect("reports:region_dashboard")
    permissions.require(request.user, "report.monthly", facility=facility)
    month = _month(request)
    data = _facility_data(request, facility, month)
    from certificates.pdf import html_to_pdf

    html = render_to_string("reports/facility_report_pdf.html", {"d": data, "now": timezone.now()}, request=request)
    response = HttpResponse(html_to_pdf(html, variant=None), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-{facility.code}-{month:%Y-%m}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@officer_required
def region_dashboard(request):
    permissions.require(request.user, "report.region")
    month = _month(request)
    data = dashboards.region_dashboard(
        facilities=permissions.facilities_visible_to(request.user),
        month=month,
        course_stats=_scoped(request.user, FacilityCourseStat),
        month_stats=_scoped(request.user, FacilityMonthStat),
        learner_activity=_scoped(request.user, LearnerActivity),
    )
    exported = _export(request, data.tables, f"laporan-wilayah-{month:%Y-%m}")
    if exported:
        return exported
    return render(request, "reports/region_dashboard.html", {"d": data, "month_value": f"{month:%Y-%m}"})
