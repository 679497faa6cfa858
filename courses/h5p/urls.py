from django.urls import path

from . import views

urlpatterns = [
    path("mulai/<int:lesson_id>/<int:package_id>/", views.attempt_start, name="h5p_attempt_start"),
    path("hasil/", views.statement_receive, name="h5p_statement"),
]
