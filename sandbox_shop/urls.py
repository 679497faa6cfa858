from django.urls import path

from . import views

urlpatterns = [
    path("", views.listing_list, name="listing_list"),
    path("baru/", views.listing_edit, name="listing_create"),
    path("periksa/", views.listing_check, name="listing_check_new"),
    path("<int:listing_id>/periksa/", views.listing_check, name="listing_check"),
    path("<int:listing_id>/", views.listing_detail, name="listing_detail"),
    path("<int:listing_id>/ubah/", views.listing_edit, name="listing_edit"),
    path("<int:listing_id>/ajukan/", views.listing_submit, name="listing_submit"),
    path("<int:listing_id>/revisi/", views.listing_revise, name="listing_revise"),
    path("foto/<int:photo_id>/", views.listing_photo, name="listing_photo"),
]
