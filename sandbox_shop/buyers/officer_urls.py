"""The officers' view of the practice buyers results, under /petugas/pembeli/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.buyers_officer_results, name="buyers_officer_results"),
    path("<int:scenario_id>/", views.buyers_officer_scenario, name="buyers_officer_scenario"),
]
