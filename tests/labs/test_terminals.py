import pytest

from lms.audit.models import AuditEvent
from lms.labs.models import Terminal
from lms.labs.services import TERMINAL_COOKIE
from tests.factories import FacilityFactory
from tests.factories.accounts import AdminFactory

from .conftest import lab_rules, refusal, sign_in, unsign_terminal_cookie, use_terminal


@pytest.mark.django_db
def test_registering_a_terminal_sets_a_long_lived_signed_cookie(client, admin, facility):
    client.force_login(admin)

    response = client.post("/petugas/lab/KLD/terminal/", {"name": "PC 07", "location": "Lab perpustakaan"})

    assert response.status_code == 302
    terminal = Terminal.objects.get(facility=facility, name="PC 07")
    cookie = response.cookies[TERMINAL_COOKIE]
    assert unsign_terminal_cookie(cookie.value) == terminal.token
    assert unsign_terminal_cookie(terminal.token) is None  # an unsigned token is not accepted
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 4 * 365 * 24 * 3600
    assert terminal.registered_by == admin
    assert AuditEvent.objects.filter(action="terminal.register", target_id=str(terminal.pk)).exists()
    page = client.get("/petugas/lab/KLD/terminal/")
    assert page.context["this_terminal"] == terminal


@pytest.mark.django_db
def test_instructor_cannot_register_terminals(client, instructor):
    client.force_login(instructor)

    assert client.post("/petugas/lab/KLD/terminal/", {"name": "PC 07"}).status_code == 403
    assert not Terminal.objects.exists()


@pytest.mark.django_db
def test_admin_of_another_facility_cannot_see_or_revoke(client, terminal):
    other = AdminFactory(facility=FacilityFactory(code="NBL"))
    client.force_login(other)

    assert client.get("/petugas/lab/KLD/terminal/").status_code == 404
    assert client.post(f"/petugas/lab/KLD/terminal/{terminal.pk}/cabut/").status_code == 404
    assert client.post(f"/petugas/lab/NBL/terminal/{terminal.pk}/cabut/").status_code == 404
    terminal.refresh_from_db()
    assert terminal.active


@pytest.mark.django_db
def test_without_the_rule_learners_sign_in_anywhere(client, learner):
    assert sign_in(client, learner).status_code == 302


@pytest.mark.django_db
def test_required_terminal_refuses_a_browser_without_the_cookie(client, learner, facility):
    lab_rules(facility, require_terminal=True)

    response = sign_in(client, learner)

    assert response.status_code == 400
    assert "terminal" in refusal(response).lower()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_required_terminal_refuses_a_forged_cookie(client, learner, facility, terminal):
    lab_rules(facility, require_terminal=True)
    client.cookies[TERMINAL_COOKIE] = terminal.token  # unsigned

    assert sign_in(client, learner).status_code == 400


@pytest.mark.django_db
def test_required_terminal_refuses_a_revoked_terminal(client, learner, facility, terminal, admin):
    lab_rules(facility, require_terminal=True)
    use_terminal(client, terminal)
    officer = client.__class__()
    officer.force_login(admin)
    officer.post(f"/petugas/lab/KLD/terminal/{terminal.pk}/cabut/")

    assert sign_in(client, learner).status_code == 400
    assert AuditEvent.objects.filter(action="terminal.revoke").count() == 1


@pytest.mark.django_db
def test_required_terminal_refuses_another_facilitys_terminal(client, learner, facility):
    lab_rules(facility, require_terminal=True)
    elsewhere = Terminal.objects.create(facility=FacilityFactory(code="NBL"), name="PC 01")
    use_terminal(client, elsewhere)

    assert sign_in(client, learner).status_code == 400


@pytest.mark.django_db
def test_required_terminal_accepts_a_registered_terminal(client, learner, facility, terminal):
    lab_rules(facility, require_terminal=True)
    use_terminal(client, terminal)

    response = sign_in(client, learner)

    assert response.status_code == 302
    assert unsign_terminal_cookie(response.cookies[TERMINAL_COOKIE].value) == terminal.token  # renewed
    assert client.get("/belajar/").status_code == 200
    assert learner.lab_sessions.get().terminal == terminal


@pytest.mark.django_db
def test_revoking_a_terminal_signs_its_learner_out(client, learner, facility, terminal, admin):
    lab_rules(facility, require_terminal=True)
    use_terminal(client, terminal)
    sign_in(client, learner)
    officer = client.__class__()
    officer.force_login(admin)

    officer.post(f"/petugas/lab/KLD/terminal/{terminal.pk}/cabut/")

    assert client.get("/belajar/").status_code == 302
    assert "_auth_user_id" not in client.session
