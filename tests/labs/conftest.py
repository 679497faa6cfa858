import base64
import hashlib
import hmac
import struct
import time

import pytest
from django.http import HttpRequest, HttpResponse

from lms.accounts.models import User
from lms.labs.models import FacilityLabSettings, Terminal
from lms.labs.services import TERMINAL_COOKIE, TERMINAL_SALT
from tests.factories import FacilityFactory, LearnerFactory
from tests.factories.accounts import TEST_PIN, AdminFactory, OfficerFactory


def totp_now(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s), as an authenticator app computes it."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


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
