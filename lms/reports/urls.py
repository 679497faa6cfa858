"""Officers' report pages (namespace ``reports``), mounted under ``/petugas/laporan/``."""

from django.urls import path

from . import dashboard_views

app_name = "reports"

urlpatterns = [
    path("fasilitas/", dashboard_views.facility_dashboard, name="facility_dashboard"),
    path("fasilitas/pdf/", dashboard_views.facility_report_pdf, name="facility_report_pdf"),
    path("wilayah/", dashboard_views.region_dashboard, name="region_dashboard"),
]
