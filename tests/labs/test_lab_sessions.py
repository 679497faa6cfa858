from datetime import timedelta

import pytest
from django.utils import timezone

from lms.audit.models import AuditEvent
from lms.labs.models import LabSession, LearnerSession
from lms.labs.services import lab_session_open
from lms.labs.tasks import close_expired_lab_sessions
from tests.factories import FacilityFactory, OfficerFactory

from .conftest import lab_rules, refusal, sign_in


def open_lab(officer, facility, minutes=60) -> LabSession:
    return lab_session_open(actor=officer, facility=facility, planned_end=timezone.now() + timedelta(minutes=minutes))


@pytest.mark.django_db
def test_required_lab_session_refuses_sign_in_while_closed(client, learner, facility):
    lab_rules(facility, require_lab_session=True)

    response = sign_in(client, learner)

    assert response.status_code == 400
    assert "lab" in refusal(response).lower()


@pytest.mark.django_db
def test_required_lab_session_allows_sign_in_while_open(client, learner, facility, instructor):
    lab_rules(facility, require_lab_session=True)
    open_lab(instructor, facility)

    assert sign_in(client, learner).status_code == 302
    assert client.get("/belajar/").status_code == 200


@pytest.mark.django_db
def test_a_session_past_its_planned_end_counts_as_closed_without_the_task(client, learner, facility, instructor):
    lab_rules(facility, require_lab_session=True)
    lab = open_lab(instructor, facility)
    assert sign_in(client, learner).status_code == 302
    LabSession.objects.filter(pk=lab.pk).update(planned_end=timezone.now() - timedelta(seconds=1))

    assert client.get("/belajar/").status_code == 302  # signed out on the next request
    assert "_auth_user_id" not in client.session
    assert sign_in(client, learner).status_code == 400
    assert LearnerSession.objects.get(learner=learner).end_reason == LearnerSession.EndReason.LAB_CLOSED


@pytest.mark.django_db
def test_officer_opens_and_closes_the_lab_through_the_pages(client, instructor, facility, monkeypatch):
    # The planned end is a time of day: run the clock from 10:00 local so it never crosses midnight.
    real_now, started = timezone.now, timezone.now()
    morning = timezone.localtime(started).replace(hour=10, minute=0, second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: morning + (real_now() - started))
    client.force_login(instructor)
    end = (timezone.localtime(timezone.now()) + timedelta(minutes=90)).strftime("%H:%M")

    assert client.post("/petugas/lab/KLD/buka/", {"planned_end": end}).status_code == 302
    lab = LabSession.objects.get(facility=facility)
    assert lab.is_open()
    assert client.post("/petugas/lab/KLD/buka/", {"planned_end": end}).status_code == 302
    assert LabSession.objects.count() == 1  # a second open lab is refused
    assert client.post("/petugas/lab/KLD/tutup/").status_code == 302
    lab.refresh_from_db()
    assert lab.closed_at and lab.closed_by == instructor
    assert {e.action for e in AuditEvent.objects.filter(target_id=str(lab.pk))} == {"lab.open", "lab.close"}


@pytest.mark.django_db
def test_closing_the_lab_signs_learners_out(client, learner, facility, instructor):
    lab_rules(facility, require_lab_session=True)
    open_lab(instructor, facility)
    sign_in(client, learner)
    officer = client.__class__()
    officer.force_login(instructor)

    officer.post("/petugas/lab/KLD/tutup/")

    assert client.get("/belajar/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_auto_close_task_closes_expired_sessions_once_and_signs_learners_out(client, learner, facility, instructor):
    lab_rules(facility, require_lab_session=True)
    lab = open_lab(instructor, facility)
    elsewhere = FacilityFactory(code="NBL")
    still_open = open_lab(OfficerFactory(role="instructor", facility=elsewhere), elsewhere, minutes=120)
    sign_in(client, learner)
    planned_end = timezone.now() - timedelta(minutes=1)
    LabSession.objects.filter(pk=lab.pk).update(planned_end=planned_end)

    assert close_expired_lab_sessions.delay().get() == 1
    assert close_expired_lab_sessions.delay().get() == 0  # idempotent

    lab.refresh_from_db()
    still_open.refresh_from_db()
    assert lab.closed_at == planned_end and lab.closed_by is None
    assert still_open.closed_at is None
    assert AuditEvent.objects.filter(action="lab.close", target_id=str(lab.pk)).count() == 1
    session = LearnerSession.objects.get(learner=learner)
    assert session.end_reason == LearnerSession.EndReason.LAB_CLOSED
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_officer_of_another_facility_cannot_open_this_lab(client, facility):
    stranger = OfficerFactory(role="instructor", facility=FacilityFactory(code="NBL"))
    client.force_login(stranger)

    assert client.post("/petugas/lab/KLD/buka/", {"planned_end": "23:59"}).status_code == 404
    assert not LabSession.objects.exists()
