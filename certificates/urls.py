from django.urls import path

from . import views

urlpatterns = [
    path("", views.certificate_lookup, name="certificate_lookup"),
    path("<str:serial>/", views.certificate_verify, name="certificate_verify"),
    path("<str:serial>/unduh/", views.certificate_download, name="certificate_download"),
]
