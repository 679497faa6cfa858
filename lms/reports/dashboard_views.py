"""Facility and regional dashboards, their CSV/XLSX exports and the monthly PDF (work in progress)."""

from django.http import HttpResponse

from lms.accounts.decorators import officer_required


@officer_required
def facility_dashboard(request):
    return HttpResponse("")


@officer_required
def region_dashboard(request):
    return HttpResponse("")


@officer_required
def facility_report_pdf(request):
    return HttpResponse("")
