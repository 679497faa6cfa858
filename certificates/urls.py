from django.urls import path

from . import views

urlpatterns = [
    path("", views.certificate_lookup, name="certificate_lookup"),
    path("kunci-publik/", views.public_key, name="certificate_public_key"),
    path("<str:serial>/", views.certificate_verify, name="certificate_verify"),
    path("<str:serial>/unduh/", views.certificate_download, name="certificate_download"),
    path("<str:serial>/open-badge.json", views.certificate_badge, name="certificate_badge"),
]
