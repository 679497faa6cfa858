"""The audit trail: append-only, with IP and terminal, browsable only within the viewer's scope."""

from types import SimpleNamespace

import pytest

from lms.accounts.models import User
from lms.audit.models import AuditEvent
from lms.audit.services import audit_record
from tests.factories import AdminFactory, FacilityFactory, InstructorFactory, LearnerFactory, RegionFactory


@pytest.fixture
def world():
    north = RegionFactory()
    a, a2, b = FacilityFactory(region=north), FacilityFactory(region=north), FacilityFactory()
    events = {}
    for key, facility in {"a": a, "a2": a2, "b": b}.items():
        learner = LearnerFactory(facility=facility)
        events[key] = audit_record(actor=None, action="learner.create", target=learner, facility=facility)
    return SimpleNamespace(north=north, a=a, a2=a2, b=b, events=events)


def shown(client, query=None) -> set[int]:
    response = client.get("/petugas/audit/", query or {})
    assert response.status_code == 200
    return {event.pk for event in response.context["page"]}


@pytest.mark.django_db
def test_facility_admin_sees_only_their_facility(client, world):
    w = world
    client.force_login(AdminFactory(facility=w.a))

    created = {"action": "learner.create"}
    assert shown(client, created) == {w.events["a"].pk}
    assert shown(client, {**created, "facility": w.b.pk}) == {w.events["a"].pk}  # a foreign facility is ignored
    assert all(e.facility_id == w.a.pk for e in AuditEvent.objects.filter(pk__in=shown(client)))


@pytest.mark.django_db
def test_regional_admin_sees_the_region_and_filters_by_facility(client, world):
    w = world
    client.force_login(AdminFactory(role=User.Role.REGIONAL_ADMIN, region=w.north))

    created = {"action": "learner.create"}
    assert shown(client, created) == {w.events["a"].pk, w.events["a2"].pk}
    assert shown(client, {**created, "facility": w.a2.pk}) == {w.events["a2"].pk}


@pytest.mark.django_db
def test_filters_by_action_actor_and_dates(client, world):
    w = world
    admin = AdminFactory(facility=w.a, full_name="Hendra Gunawan")
    unlock = audit_record(actor=admin, action="learner.unlock", target=admin, facility=w.a)
    client.force_login(admin)

    assert shown(client, {"action": "learner.unlock"}) == {unlock.pk}
    by_hendra = shown(client, {"actor": "hendra"})
    assert unlock.pk in by_hendra
    assert set(AuditEvent.objects.filter(pk__in=by_hendra).values_list("actor", flat=True)) == {admin.pk}
    today = unlock.created_at.astimezone().date().isoformat()
    assert unlock.pk in shown(client, {"since": today, "until": today})
    assert shown(client, {"since": "2000-01-01", "until": "2000-01-02"}) == set()


@pytest.mark.django_db
def test_instructors_and_learners_cannot_browse_the_audit(client, world):
    w = world
    client.force_login(InstructorFactory(facility=w.a))
    assert client.get("/petugas/audit/").status_code == 403
    client.force_login(LearnerFactory(facility=w.a))
    assert client.get("/petugas/audit/").status_code == 302


@pytest.mark.django_db
def test_events_cannot_be_changed_or_deleted(world):
    w = world
    event = w.events["a"]
    event.action = "something.else"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "learner.create"


@pytest.mark.django_db
def test_the_request_gives_ip_and_terminal(rf, world):
    from django.core.signing import get_cookie_signer

    w = world
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    request.COOKIES["bekal_terminal"] = get_cookie_signer(salt="bekal_terminal" + "bekal.terminal").sign("PC-07")
    learner = LearnerFactory()

    event = audit_record(actor=None, action="x.test", target=learner, request=request)

    assert (event.ip, event.terminal) == ("10.1.2.3", "PC-07")
    assert (w.events["a"].ip, w.events["a"].terminal) == (None, "")  # no request: a background job


def test_details_leave_out_empty_values_and_join_lists():
    event = AuditEvent(data={"cohort": None, "comment": "", "learners": [1, 2, 3], "from": "draft", "extra": {}})

    assert event.details() == [("learners", "1, 2, 3"), ("from", "draft")]
