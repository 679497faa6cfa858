import pytest
from django.http import HttpRequest, HttpResponse

from lms.accounts.models import User
from lms.labs.models import FacilityLabSettings, Terminal
from lms.labs.services import TERMINAL_COOKIE, TERMINAL_SALT
from tests.factories import FacilityFactory, LearnerFactory
from tests.factories.accounts import TEST_PIN, AdminFactory, OfficerFactory


def sign_in(client, learner, pin=TEST_PIN):
    return client.post(
        "/masuk/",
        {"facility": learner.facility.code, "registration_number": learner.registration_number, "pin": pin},
    )


def refusal(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def use_terminal(client, terminal: Terminal) -> None:
    """Give this browser the terminal's cookie, signed exactly as registration signs it."""
    response = HttpResponse()
    response.set_signed_cookie(TERMINAL_COOKIE, terminal.token, salt=TERMINAL_SALT)
    client.cookies[TERMINAL_COOKIE] = response.cookies[TERMINAL_COOKIE].value


def unsign_terminal_cookie(value: str) -> str | None:
    request = HttpRequest()
    request.COOKIES[TERMINAL_COOKIE] = value
    return request.get_signed_cookie(TERMINAL_COOKIE, default=None, salt=TERMINAL_SALT)


def lab_rules(facility, **values) -> FacilityLabSettings:
    lab, _ = FacilityLabSettings.objects.update_or_create(facility=facility, defaults=values)
    return lab


@pytest.fixture
def facility():
    return FacilityFactory(code="KLD")


@pytest.fixture
def learner(facility):
    return LearnerFactory(facility=facility)


@pytest.fixture
def admin(facility):
    return AdminFactory(facility=facility)


@pytest.fixture
def instructor(facility):
    return OfficerFactory(role=User.Role.INSTRUCTOR, facility=facility)


@pytest.fixture
def terminal(facility, admin):
    return Terminal.objects.create(facility=facility, name="PC 01", location="Lab A", registered_by=admin)
