import time

import pytest
from django.test import Client

from lms.audit.models import AuditEvent
from lms.labs.models import LearnerSession
from lms.labs.services import LAST_ACTIVITY_KEY
from tests.factories import FacilityFactory, LearnerFactory, OfficerFactory
from tests.factories.accounts import AdminFactory

from .conftest import lab_rules, sign_in, use_terminal


def age_activity(client, seconds: int) -> None:
    """Pretend the learner's last activity was ``seconds`` ago (no sleeping)."""
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


@pytest.mark.django_db
def test_idle_learner_is_signed_out_after_the_facility_timeout(client, learner, facility):
    lab_rules(facility, idle_timeout_minutes=10)
    sign_in(client, learner)

    age_activity(client, 9 * 60)
    assert client.get("/belajar/").status_code == 200  # activity resets the clock
    age_activity(client, 10 * 60 + 61)
    response = client.get("/belajar/")

    assert response.status_code == 302 and response.url == "/masuk/"
    assert "_auth_user_id" not in client.session
    page = client.get("/masuk/")
    assert any("10" in str(m) for m in page.context["messages"])
    assert LearnerSession.objects.get(learner=learner).end_reason == LearnerSession.EndReason.IDLE


@pytest.mark.django_db
def test_default_idle_timeout_is_fifteen_minutes(client, learner):
    sign_in(client, learner)
    page = client.get("/belajar/")
    assert 'data-idle-seconds="900"' in page.content.decode()
    assert "js/idle.js" in page.content.decode()

    age_activity(client, 14 * 60)
    assert client.get("/belajar/").status_code == 200
    age_activity(client, 16 * 60 + 1)
    assert client.get("/belajar/").status_code == 302


@pytest.mark.django_db
def test_countdown_reaching_zero_signs_out(client, learner):
    sign_in(client, learner)

    response = client.post("/sesi/habis/")

    assert response.status_code == 302 and response.url == "/masuk/"
    assert "_auth_user_id" not in client.session
    assert "storage" in response["Clear-Site-Data"] and "cookies" not in response["Clear-Site-Data"]


@pytest.mark.django_db
def test_heartbeat_keeps_the_session_and_reports_the_page_title(client, learner):
    sign_in(client, learner)
    client.get("/belajar/")
    age_activity(client, 15 * 60)

    response = client.post("/sesi/denyut/", {"path": "/belajar/", "title": "Belajar · Bekal"})

    assert response.status_code == 200
    assert response.json()["remaining_seconds"] == 900
    row = LearnerSession.objects.get(learner=learner)
    assert row.current_title == "Belajar · Bekal" and row.current_path == "/belajar/"
    assert client.get("/belajar/").status_code == 200


@pytest.mark.django_db
def test_a_new_sign_in_ends_the_older_session():
    learner = LearnerFactory()
    first, second = Client(), Client()
    sign_in(first, learner)
    assert first.get("/belajar/").status_code == 200

    sign_in(second, learner)

    assert first.get("/belajar/").status_code == 302
    assert second.get("/belajar/").status_code == 200
    rows = LearnerSession.objects.filter(learner=learner).order_by("started_at")
    assert [r.end_reason for r in rows] == [LearnerSession.EndReason.REPLACED, ""]


@pytest.mark.django_db
def test_sign_out_clears_the_session_and_browser_storage(client, learner):
    sign_in(client, learner)

    response = client.post("/keluar/")

    assert "_auth_user_id" not in client.session
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert LearnerSession.objects.get(learner=learner).end_reason == LearnerSession.EndReason.SIGNED_OUT


@pytest.mark.django_db
def test_learner_sign_in_has_no_remember_me(client, settings):
    assert settings.ACCOUNT_SESSION_REMEMBER is False
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.MFA_TRUST_ENABLED is False
    assert "remember" not in client.get("/masuk/").content.decode().lower()


@pytest.mark.django_db
def test_live_view_lists_the_learner_with_terminal_and_page(client, learner, facility, terminal, instructor):
    use_terminal(client, terminal)
    sign_in(client, learner)
    client.get("/belajar/")
    officer = Client()
    officer.force_login(instructor)

    data = officer.get("/petugas/lab/KLD/langsung/data/").json()

    [row] = data["sessions"]
    assert row["learner"] == learner.display_name
    assert row["terminal"] == "PC 01" and row["location"] == "Lab A"
    assert row["page_path"] == "/belajar/"
    assert 0 <= row["idle_seconds"] < 60
    page = officer.get("/petugas/lab/KLD/langsung/")
    assert page.status_code == 200 and learner.display_name in page.content.decode()
    assert "js/labview.js" in page.content.decode()


@pytest.mark.django_db
def test_live_view_is_scoped_to_the_officers_facility(client, learner, facility):
    sign_in(client, learner)
    other_facility = FacilityFactory(code="NBL")
    stranger = OfficerFactory(role="instructor", facility=other_facility)
    officer = Client()
    officer.force_login(stranger)

    assert officer.get("/petugas/lab/KLD/langsung/data/").status_code == 404
    assert officer.get("/petugas/lab/NBL/langsung/data/").json()["sessions"] == []
    row = LearnerSession.objects.get(learner=learner)
    assert officer.post(f"/petugas/lab/NBL/sesi/{row.pk}/akhiri/").status_code == 404
    assert client.get("/belajar/").status_code == 200


@pytest.mark.django_db
def test_regional_admin_sees_the_region_but_a_learner_sees_nothing(client, learner, facility):
    sign_in(client, learner)
    regional = AdminFactory(role="regional_admin", region=facility.region)
    officer = Client()
    officer.force_login(regional)

    assert len(officer.get("/petugas/lab/KLD/langsung/data/").json()["sessions"]) == 1
    assert client.get("/petugas/lab/KLD/langsung/data/").status_code == 302  # learners are sent away


@pytest.mark.django_db
def test_officer_ends_a_learners_session_and_it_is_audited(client, learner, facility, instructor):
    sign_in(client, learner)
    row = LearnerSession.objects.get(learner=learner)
    officer = Client()
    officer.force_login(instructor)

    response = officer.post(f"/petugas/lab/KLD/sesi/{row.pk}/akhiri/")

    assert response.status_code == 302
    assert client.get("/belajar/").status_code == 302
    row.refresh_from_db()
    assert row.end_reason == LearnerSession.EndReason.ENDED_BY_OFFICER
    event = AuditEvent.objects.get(action="lab.end_learner_session")
    assert event.actor == instructor and event.facility == facility
    assert officer.get("/petugas/lab/KLD/langsung/data/").json()["sessions"] == []


@pytest.mark.django_db
def test_facility_admin_changes_the_lab_rules(client, admin, facility, instructor):
    client.force_login(admin)

    response = client.post(
        "/petugas/lab/KLD/pengaturan/",
        {"require_terminal": "on", "require_lab_session": "", "idle_timeout_minutes": 20},
    )

    assert response.status_code == 302
    lab = facility.lab_settings
    assert lab.require_terminal and not lab.require_lab_session and lab.idle_timeout_minutes == 20
    assert AuditEvent.objects.filter(action="lab.settings_update").exists()
    refused = Client()
    refused.force_login(instructor)
    assert refused.get("/petugas/lab/KLD/pengaturan/").status_code == 403


@pytest.mark.django_db
def test_heartbeat_after_the_timeout_answers_401_so_the_page_leaves(client, learner):
    sign_in(client, learner)
    age_activity(client, 20 * 60)

    response = client.post("/sesi/denyut/", {"path": "/belajar/"})

    assert response.status_code == 401
    assert response.json()["signed_out"] is True
    assert "_auth_user_id" not in client.session


def test_lab_sessions_close_themselves_on_the_beat(settings):
    entries = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "lms.labs.tasks.close_expired_lab_sessions" in entries


@pytest.mark.django_db
def test_the_beat_task_ends_sessions_left_idle(client, learner, facility):
    from datetime import timedelta

    from django.utils import timezone

    from lms.labs.services import learner_sessions_end_idle

    other = LearnerFactory(facility=FacilityFactory(code="NBL"))
    lab_rules(facility, idle_timeout_minutes=30)
    sign_in(client, learner)
    second = Client()
    sign_in(second, other)
    twenty_minutes_ago = timezone.now() - timedelta(minutes=20)
    LearnerSession.objects.update(last_seen_at=twenty_minutes_ago)

    assert learner_sessions_end_idle() == 1  # NBL uses the default 15 minutes; KLD allows 30
    assert learner_sessions_end_idle() == 0
    assert second.get("/belajar/").status_code == 302
    assert client.get("/belajar/").status_code == 200
