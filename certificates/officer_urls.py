"""The officers' certificate desk, under /petugas/sertifikat/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.officer_certificates, name="officer_certificates"),
    path("kelas/<int:cohort_id>/", views.cohort_certificates, name="cohort_certificates"),
    path("kelas/<int:cohort_id>/status.json", views.cohort_certificates_status, name="cohort_certificates_status"),
    path("kelas/<int:cohort_id>/unduh.zip", views.cohort_certificates_zip, name="cohort_certificates_zip"),
    path("<str:serial>/", views.officer_certificate, name="officer_certificate"),
]
