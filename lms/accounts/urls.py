from django.urls import path

from . import officer_views as views

urlpatterns = [
    path("", views.learner_list_view, name="officer_learner_list"),
    path("baru/", views.learner_create_view, name="officer_learner_create"),
    path("kartu/", views.learner_cards_view, name="officer_learner_cards"),
    path("impor/", views.learner_import_view, name="officer_learner_import"),
    path("impor/<uuid:batch_id>/", views.learner_import_batch_view, name="officer_learner_import_batch"),
    path("impor/<uuid:batch_id>/status.json", views.learner_import_status_view, name="officer_learner_import_status"),
    path("impor/<uuid:batch_id>/kartu.pdf", views.learner_import_cards_view, name="officer_learner_import_cards"),
    path("<int:learner_id>/", views.learner_detail_view, name="officer_learner_detail"),
    path("<int:learner_id>/pin/", views.learner_reset_pin_view, name="officer_learner_reset_pin"),
    path("<int:learner_id>/kartu.pdf", views.learner_card_view, name="officer_learner_card"),
    path("<int:learner_id>/buka-kunci/", views.learner_unlock_view, name="officer_learner_unlock"),
    path("<int:learner_id>/nonaktifkan/", views.learner_deactivate_view, name="officer_learner_deactivate"),
    path("<int:learner_id>/aktifkan/", views.learner_reactivate_view, name="officer_learner_reactivate"),
    path("<int:learner_id>/pindah/", views.learner_transfer_view, name="officer_learner_transfer"),
    path("<int:learner_id>/data.<str:fmt>", views.learner_export_view, name="officer_learner_export"),
]
