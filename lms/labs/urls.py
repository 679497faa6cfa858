from django.urls import path

from . import views

officer_urlpatterns = [
    path("", views.lab_index, name="lab_index"),
    path("<str:code>/", views.lab_home, name="lab_home"),
    path("<str:code>/buka/", views.lab_open, name="lab_open"),
    path("<str:code>/tutup/", views.lab_close, name="lab_close"),
    path("<str:code>/langsung/", views.lab_live, name="lab_live"),
    path("<str:code>/langsung/data/", views.lab_live_data, name="lab_live_data"),
    path("<str:code>/sesi/<int:session_id>/akhiri/", views.lab_end_learner_session, name="lab_end_learner_session"),
    path("<str:code>/terminal/", views.terminal_list, name="lab_terminals"),
    path("<str:code>/terminal/<int:terminal_id>/cabut/", views.terminal_revoke, name="lab_terminal_revoke"),
    path("<str:code>/pengaturan/", views.lab_settings, name="lab_settings"),
]

learner_urlpatterns = [
    path("denyut/", views.learner_heartbeat, name="learner_heartbeat"),
    path("habis/", views.learner_timeout, name="learner_timeout"),
]
