import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from lms.accounts.models import User
from tests.factories.accounts import TEST_PASSWORD, OfficerFactory, totp_now

SECRET = "JBSWY3DPEHPK3PXP"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN])
def test_administrator_without_totp_is_sent_to_set_it_up(client, role):
    admin = OfficerFactory(role=role)
    client.force_login(admin)

    response = client.get("/petugas/")

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    assert client.get("/petugas/lab/").url == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/2fa/totp/activate/").status_code in {200, 302}
    assert client.get("/healthz").status_code in {200, 503}
    assert client.post("/keluar/").status_code == 302  # signing out is always allowed


@pytest.mark.django_db
def test_instructor_without_totp_goes_through(client):
    client.force_login(OfficerFactory(role=User.Role.INSTRUCTOR))

    assert client.get("/petugas/").status_code == 200


@pytest.mark.django_db
def test_administrator_with_totp_signs_in_through_the_totp_step():
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    client = Client()

    response = client.post("/accounts/login/", {"login": admin.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and "/2fa/authenticate/" in response.url
    assert "_auth_user_id" not in client.session
    assert client.post(response.url, {"code": "000000"}).status_code == 200  # wrong code
    done = client.post(response.url, {"code": totp_now(SECRET)})

    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert client.get("/petugas/").status_code == 200


@pytest.mark.django_db
def test_administrator_cannot_switch_totp_off(client):
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN)
    authenticator = Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": SECRET})

    from allauth.mfa.adapter import get_adapter

    assert get_adapter().can_delete_authenticator(authenticator) is False
    instructor_totp = Authenticator.objects.create(
        user=OfficerFactory(role=User.Role.INSTRUCTOR), type=Authenticator.Type.TOTP, data={"secret": SECRET}
    )
    assert get_adapter().can_delete_authenticator(instructor_totp) is True
