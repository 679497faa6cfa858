from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses import routing as course_routing
from lms.accounts import officer_views as officer_account_views
from lms.accounts import views as account_views
from lms.audit import views as audit_views
from lms.labs import urls as lab_urls
from lms.reports import views as report_views
from sandbox_shop import promote_views
from sandbox_shop import views as shop_views
from store import export_views as store_export_views
from store import urls as store_urls

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
    path("belajar/", include(store_urls.learner_urlpatterns)),
    path("belajar/", include("courses.urls")),
    path("toko-latihan/pembeli/", include("sandbox_shop.buyers.urls")),
    path("toko-latihan/", include("sandbox_shop.urls")),
    path("petugas/", report_views.officer_home, name="officer_home"),
    path("petugas/laporan/", include("lms.reports.urls")),  # dashboards (namespace "reports")
    path("petugas/lab/", include(lab_urls.officer_urlpatterns)),
    path("sesi/", include(lab_urls.learner_urlpatterns)),
    path("petugas/pembeli/", include("sandbox_shop.buyers.officer_urls")),
    path("petugas/tinjau/", shop_views.review_queue, name="listing_review_queue"),
    path("petugas/tinjau/<int:listing_id>/", shop_views.listing_review, name="listing_review"),
    # --- the real store: promotion and marketplace export (store-catalogue)
    path("petugas/promosi/<int:listing_id>/", promote_views.listing_promote, name="listing_promote"),
    path(
        "petugas/promosi/<int:listing_id>/perbarui/",
        promote_views.listing_product_change,
        {"action": "perbarui"},
        name="listing_product_refresh",
    ),
    path(
        "petugas/promosi/<int:listing_id>/turunkan/",
        promote_views.listing_product_change,
        {"action": "turunkan"},
        name="listing_product_unpublish",
    ),
    path("petugas/toko/<str:code>/ekspor/", store_export_views.marketplace_export, name="marketplace_export"),
    path("petugas/sertifikat/", include("certificates.officer_urls")),
    path("petugas/warga-binaan/", include("lms.accounts.urls")),
    path("petugas/undangan/", officer_account_views.invitation_create_view, name="officer_invitations"),
    path("undangan/<str:token>/", officer_account_views.invitation_accept_view, name="invitation_accept"),
    path("petugas/audit/", audit_views.audit_list, name="audit_list"),
    path("petugas/", include("courses.officer_urls")),  # cohorts, enrolment, progress (courses-learning)
    path("sertifikat/", include("certificates.urls")),
    path("petugas/", include(store_urls.officer_urlpatterns)),
    path("", include(store_urls.public_urlpatterns)),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [
    # lessons found by their URL in one query, then served by Wagtail (courses/routing.py)
    re_path(r"^(?!_util/)((?:[\w\-]+/){3,})$", course_routing.serve),
    path("", include(wagtail_urls)),
]
