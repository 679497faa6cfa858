"""Officer URLs for enrolment and learning progress (included under /petugas/)."""

from django.urls import path

from lms.reports import views as reports

from . import officer_views as views

urlpatterns = [
    path("kelas/", views.cohort_list, name="officer_cohort_list"),
    path("kelas/<int:cohort_id>/", views.cohort_detail, name="officer_cohort_detail"),
    path("kelas/<int:cohort_id>/kursus/tambah/", views.cohort_course_add, name="officer_cohort_course_add"),
    path("kelas/<int:cohort_id>/kursus/hapus/", views.cohort_course_remove, name="officer_cohort_course_remove"),
    path("kelas/<int:cohort_id>/kursus/<int:course_id>/", reports.cohort_progress, name="officer_cohort_progress"),
    path(
        "kelas/<int:cohort_id>/kursus/<int:course_id>/progres.csv",
        reports.cohort_progress_csv,
        name="officer_cohort_progress_csv",
    ),
    path("kelas/<int:cohort_id>/perlu-bantuan/", reports.cohort_help, name="officer_cohort_help"),
    path("warga-binaan/<int:learner_id>/belajar/", reports.learner_learning, name="officer_learner_learning"),
    path("warga-binaan/<int:learner_id>/belajar/daftar/", views.learner_enrol, name="officer_learner_enrol"),
    path("warga-binaan/<int:learner_id>/belajar/keluar/", views.learner_unenrol, name="officer_learner_unenrol"),
]
