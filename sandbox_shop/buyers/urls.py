"""The learner's practice buyers, under /toko-latihan/pembeli/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.buyers_home, name="buyers_home"),
    path("<int:scenario_id>/", views.buyers_scenario, name="buyers_scenario"),
    path("pesan/<int:message_id>/", views.buyers_message, name="buyers_message"),
    path("pesanan/<int:practice_order_id>/", views.buyers_order, name="buyers_order"),
]
