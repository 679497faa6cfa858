"""Store URLs outside the Wagtail page tree: public orders, the officers' order desk, premi."""

from django.urls import path

from . import views

public_urlpatterns = [
    path("pesan/<int:product_id>/", views.order_create, name="order_create"),
    path("pesanan/<str:order_token>/", views.order_receipt, name="order_receipt"),
]

officer_urlpatterns = [
    path("pesanan/", views.order_list, name="officer_order_list"),
    path("pesanan/<int:order_id>/", views.order_detail, name="officer_order_detail"),
    path("pesanan/<int:order_id>/<str:move>/", views.order_move, name="officer_order_move"),
    path("premi/<int:learner_id>/", views.premi_statement, name="officer_premi_statement"),
    path("premi/<int:learner_id>/pdf/", views.premi_statement_pdf, name="officer_premi_statement_pdf"),
    path("toko/<str:code>/laporan/", views.store_report, name="store_report"),
    path("toko/<str:code>/bagi-hasil/", views.split_rules, name="store_split_rules"),
]

learner_urlpatterns = [
    path("premi/", views.learner_premi, name="learner_premi"),
    path("premi/pdf/", views.learner_premi_pdf, name="learner_premi_pdf"),
]
