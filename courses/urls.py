from django.urls import include, path

from lms.reports.views import learner_home

from . import views

urlpatterns = [
    path("", learner_home, name="learner_home"),
    path("pelajaran/<int:lesson_id>/selesai/", views.lesson_mark_complete, name="lesson_complete"),
    path("h5p/", include("courses.h5p.urls")),
    path("pelajaran/<int:lesson_id>/denyut/", views.lesson_heartbeat_view, name="lesson_heartbeat"),
    path("kursus/<int:course_id>/lanjutkan/", views.course_resume, name="course_resume"),
    path("kursus/<int:course_id>/ikuti/", views.course_join, name="course_join"),
]
