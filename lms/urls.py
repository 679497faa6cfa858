from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.accounts import views as account_views
from lms.reports import views as report_views
from sandbox_shop import views as shop_views

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/", views.healthz),
    path("ping", views.ping, name="ping"),
    path("masuk/", account_views.learner_login, name="learner_login"),
    path("masuk/pin/", account_views.learner_pin_change, name="learner_pin_change"),
    path("keluar/", account_views.sign_out, name="sign_out"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("belajar/", include("courses.urls")),
    path("toko-latihan/", include("sandbox_shop.urls")),
    path("petugas/", report_views.officer_home, name="officer_home"),
    path("petugas/tinjau/<int:listing_id>/", shop_views.listing_review, name="listing_review"),
    path("sertifikat/", include("certificates.urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
