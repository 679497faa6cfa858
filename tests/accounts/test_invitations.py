"""Officer accounts by invitation only: the emailed link sets a password once, for seven days."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lms.accounts.models import Invitation, User
from lms.accounts.services import invitation_create
from lms.audit.models import AuditEvent
from tests.factories import AdminFactory, FacilityFactory, OfficerFactory, RegionFactory

PASSWORD = "lapas-kalianda-2026"


@pytest.fixture
def facility():
    return FacilityFactory(code="KLD")


@pytest.fixture
def admin(facility):
    return AdminFactory(facility=facility)


def invite_link(message) -> str:
    return re.search(r"https?://\S+/undangan/\S+/", message.body).group(0).split("://", 1)[1].split("/", 1)[1]


@pytest.mark.django_db
def test_invitation_end_to_end(client, admin, facility, django_capture_on_commit_callbacks):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/petugas/undangan/",
            {"email": "Guru@KLD.bekal.test", "full_name": "Guru Baru", "role": "instructor", "facility": facility.pk},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["guru@kld.bekal.test"]
    link = "/" + invite_link(mail.outbox[0])
    assert AuditEvent.objects.filter(action="officer.invite", actor=admin).exists()
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    weak = client.post(link, {"full_name": "Guru Baru", "password1": "123", "password2": "123"})
    assert weak.status_code == 200 and not User.objects.filter(email="guru@kld.bekal.test").exists()
    done = client.post(link, {"full_name": "Guru Baru", "password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302

    user = User.objects.get(email="guru@kld.bekal.test")
    assert user.role == User.Role.INSTRUCTOR and user.facility == facility and user.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=user).verified
    assert AuditEvent.objects.filter(action="officer.invitation_accept", actor=user).exists()
    signed_in = client.post("/accounts/login/", {"login": "guru@kld.bekal.test", "password": PASSWORD})
    assert signed_in.status_code == 302

    client.logout()
    reused = client.get(link)
    assert reused.status_code == 410
    assert client.post(link, {"full_name": "X", "password1": PASSWORD, "password2": PASSWORD}).status_code == 410


@pytest.mark.django_db
def test_expired_invitation_is_refused(client, admin, facility):
    invitation = invitation_create(actor=admin, email="lama@bekal.test", role="instructor", facility=facility)
    from lms.accounts.services import invitation_url

    link = invitation_url(invitation).split("://", 1)[1].split("/", 1)[1]
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.post("/" + link, {"full_name": "Lama", "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 410
    assert not User.objects.filter(email="lama@bekal.test").exists()


@pytest.mark.django_db
def test_tampered_link_is_refused(client):
    assert client.get("/undangan/not-a-token/").status_code == 410


@pytest.mark.django_db
def test_who_may_invite_whom(facility):
    region = facility.region
    facility_admin = AdminFactory(facility=facility)
    regional = AdminFactory(role=User.Role.REGIONAL_ADMIN, region=region)
    instructor = OfficerFactory(facility=facility)

    with pytest.raises(PermissionDenied):
        invitation_create(actor=facility_admin, email="a@bekal.test", role="facility_admin", facility=facility)
    with pytest.raises(PermissionDenied):
        invitation_create(actor=facility_admin, email="b@bekal.test", role="instructor", facility=FacilityFactory())
    with pytest.raises(PermissionDenied):
        invitation_create(actor=instructor, email="c@bekal.test", role="instructor", facility=facility)
    invitation_create(actor=regional, email="d@bekal.test", role="facility_admin", facility=facility)
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=regional,
            email="e@bekal.test",
            role="facility_admin",
            facility=FacilityFactory(region=RegionFactory()),
        )
    with pytest.raises(PermissionDenied):
        invitation_create(actor=regional, email="f@bekal.test", role="regional_admin", region=region)
    root = OfficerFactory(facility=None, is_superuser=True)
    invitation_create(actor=root, email="g@bekal.test", role="regional_admin", region=region)
    with pytest.raises(ValidationError):
        invitation_create(actor=root, email=instructor.email, role="instructor", facility=facility)


@pytest.mark.django_db
def test_nobody_signs_up_openly(client):
    response = client.post("/accounts/signup/", {"email": "x@bekal.test", "password1": PASSWORD, "password2": PASSWORD})
    assert not User.objects.filter(email="x@bekal.test").exists()
    assert response.status_code in {200, 403}


@pytest.mark.django_db
def test_password_reset_by_email_works_with_the_file_backend(client, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    officer = OfficerFactory(email="lupa@bekal.test")
    EmailAddress.objects.create(user=officer, email=officer.email, verified=True, primary=True)

    response = client.post("/accounts/password/reset/", {"email": "lupa@bekal.test"})

    assert response.status_code == 302
    sent = "".join(p.read_text() for p in (tmp_path / "mail").iterdir())
    path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", sent).group(1)
    form = client.get(path, follow=True)
    assert form.status_code == 200
    changed = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path, {"password1": PASSWORD, "password2": PASSWORD}
    )
    assert changed.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
