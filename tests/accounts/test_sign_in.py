import pytest
from django.utils import translation

from lms.accounts.models import User
from lms.accounts.services import learner_set_pin
from tests.factories import FacilityFactory, LearnerFactory, OfficerFactory
from tests.factories.accounts import TEST_PASSWORD, TEST_PIN

SIGN_IN = "/masuk/"
PIN_CHANGE = "/masuk/pin/"


def sign_in(client, learner, pin=TEST_PIN, **overrides):
    data = {"facility": learner.facility.code, "registration_number": learner.registration_number, "pin": pin}
    data.update(overrides)
    return client.post(SIGN_IN, data)


def signed_in_id(client):
    return client.session.get("_auth_user_id")


def refusal(response) -> str:
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    return errors[0]


def site_text(message: str) -> str:
    """The message as the site shows it (Indonesian first), whether or not it is translated yet."""
    with translation.override("id"):
        return translation.gettext(message)


@pytest.fixture
def learner():
    return LearnerFactory(facility=FacilityFactory(code="KLD"), registration_number="BI.2024.0007")


@pytest.mark.django_db
def test_right_pin_signs_in(client, learner):
    response = sign_in(client, learner)

    assert response.status_code == 302
    assert response.url == "/belajar/"
    assert signed_in_id(client) == str(learner.pk)
    assert client.get("/belajar/").status_code == 200


@pytest.mark.django_db
def test_registration_number_is_matched_loosely(client, learner):
    response = sign_in(client, learner, registration_number="  bi.2024.0007 ")

    assert response.status_code == 302
    assert signed_in_id(client) == str(learner.pk)


@pytest.mark.django_db
def test_signed_in_learner_is_sent_on_from_the_sign_in_page(client, learner):
    client.force_login(learner)

    response = client.get(SIGN_IN)

    assert response.status_code == 302
    assert response.url == "/belajar/"


@pytest.mark.django_db
def test_wrong_pin_is_refused(client, learner):
    response = sign_in(client, learner, pin="000000")

    assert response.status_code == 400
    assert refusal(response)
    assert signed_in_id(client) is None


@pytest.mark.django_db
def test_unknown_number_gets_the_same_answer_as_a_wrong_pin(client, learner):
    wrong_pin = refusal(sign_in(client, learner, pin="000000"))
    unknown = sign_in(client, learner, registration_number="BI.9999.9999")

    assert unknown.status_code == 400
    assert refusal(unknown) == wrong_pin
    assert signed_in_id(client) is None


@pytest.mark.django_db
def test_learner_of_another_facility_cannot_use_this_facility(client, learner):
    other_facility = FacilityFactory(code="TGR")

    response = sign_in(client, learner, facility=other_facility.code)

    assert response.status_code == 400
    assert signed_in_id(client) is None


@pytest.mark.django_db
def test_inactive_learner_is_refused_with_its_own_message(client, learner):
    wrong_pin = refusal(sign_in(client, learner, pin="000000"))
    learner.is_active = False
    learner.save(update_fields=["is_active"])

    response = sign_in(client, learner)

    assert response.status_code == 400
    message = refusal(response)
    assert message != wrong_pin
    assert message == site_text("This account is no longer active. Please speak to an officer.")
    assert signed_in_id(client) is None


@pytest.mark.django_db
def test_lockout_after_too_many_wrong_pins_even_with_the_right_one(client, learner, settings):
    settings.LEARNER_PIN_MAX_FAILURES = 3
    wrong_pin = refusal(sign_in(client, learner, pin="000000"))
    for _ in range(2):
        assert sign_in(client, learner, pin="000000").status_code == 400

    response = sign_in(client, learner)

    assert response.status_code == 400
    assert refusal(response) != wrong_pin  # says it is locked, not that the PIN is wrong
    assert signed_in_id(client) is None


@pytest.mark.django_db
def test_right_pin_just_before_the_limit_still_works_and_resets_the_count(client, learner, settings):
    settings.LEARNER_PIN_MAX_FAILURES = 3
    for _ in range(2):
        sign_in(client, learner, pin="000000")

    assert sign_in(client, learner).status_code == 302
    client.logout()
    for _ in range(2):
        sign_in(client, learner, pin="000000")
    assert sign_in(client, learner).status_code == 302


@pytest.mark.django_db
def test_lockout_is_per_account_not_per_terminal(client, learner, settings):
    """A whole lab shares one IP address: one learner's typos must not lock out the next."""
    settings.LEARNER_PIN_MAX_FAILURES = 2
    neighbour = LearnerFactory(facility=learner.facility)
    for _ in range(2):
        sign_in(client, learner, pin="000000")

    response = sign_in(client, neighbour)

    assert response.status_code == 302
    assert signed_in_id(client) == str(neighbour.pk)


@pytest.mark.django_db
def test_officer_pin_reset_lifts_the_lockout(client, learner, settings):
    settings.LEARNER_PIN_MAX_FAILURES = 2
    for _ in range(2):
        sign_in(client, learner, pin="000000")
    officer = OfficerFactory(facility=learner.facility, role=User.Role.FACILITY_ADMIN)

    learner_set_pin(actor=officer, learner=learner, pin="8642")
    response = sign_in(client, learner, pin="8642")

    assert response.status_code == 302
    assert response.url == PIN_CHANGE  # an officer's PIN is temporary


@pytest.mark.django_db
def test_learner_who_must_change_pin_chooses_a_new_one(client):
    learner = LearnerFactory(must_change_pin=True)

    response = sign_in(client, learner)
    assert response.status_code == 302
    assert response.url == PIN_CHANGE
    assert client.get("/belajar/").url == PIN_CHANGE  # nothing else until the PIN is changed

    mismatch = client.post(PIN_CHANGE, {"pin": "135790", "pin_again": "135791"})
    assert mismatch.status_code == 200
    assert "pin_again" in mismatch.context["form"].errors
    learner.refresh_from_db()
    assert learner.must_change_pin
    assert learner.check_password(TEST_PIN)

    not_digits = client.post(PIN_CHANGE, {"pin": "abcd", "pin_again": "abcd"})
    assert "pin" in not_digits.context["form"].errors

    done = client.post(PIN_CHANGE, {"pin": "135790", "pin_again": "135790"})
    assert done.status_code == 302
    assert done.url == "/belajar/"
    learner.refresh_from_db()
    assert not learner.must_change_pin
    assert learner.check_password("135790")
    assert not learner.check_password(TEST_PIN)
    assert client.get("/belajar/").status_code == 200  # still signed in


@pytest.mark.django_db
def test_officer_cannot_sign_in_as_a_learner(client):
    facility = FacilityFactory(code="KLD")
    officer = OfficerFactory(facility=facility, registration_number="PTG.01", password="123456")

    response = client.post(SIGN_IN, {"facility": "KLD", "registration_number": "PTG.01", "pin": "123456"})

    assert response.status_code == 400
    assert signed_in_id(client) is None
    assert officer.check_password("123456")  # the refusal is about the role, not the secret


@pytest.mark.django_db
def test_officer_signs_in_with_email_and_password(client):
    officer = OfficerFactory()

    response = client.post("/accounts/login/", {"login": officer.email, "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert signed_in_id(client) == str(officer.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["registration_number", "username"])
def test_learner_cannot_sign_in_on_the_officer_page(client, learner, login):
    response = client.post("/accounts/login/", {"login": getattr(learner, login), "password": TEST_PIN})

    assert response.status_code != 302
    assert signed_in_id(client) is None


@pytest.mark.django_db
def test_learners_cannot_have_an_email_or_use_the_officers_sign_in(client):
    from django.db import IntegrityError, transaction

    from lms.accounts.models import User
    from tests.factories import LearnerFactory

    learner = LearnerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=learner.pk).update(email="wbp@bekal.test")
    response = client.post("/accounts/login/", {"login": learner.username, "password": "246810"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
