import pytest

from lms.accounts.models import User
from tests.factories import CohortFactory, FacilityFactory, LearnerFactory, OfficerFactory, build_course


def sign_in_officer(client, officer) -> None:
    """Sign an officer in; administrators get a TOTP authenticator when the site requires one."""
    if officer.role in {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN}:
        try:
            from allauth.mfa.models import Authenticator
        except (ImportError, RuntimeError):
            pass
        else:
            Authenticator.objects.get_or_create(
                user=officer, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
            )
    client.force_login(officer)


@pytest.fixture
def facility():
    return FacilityFactory(code="KLD", name="Lapas Kelas IIA Kalianda")


@pytest.fixture
def course():
    return build_course(lessons=1, title="Menjahit Dasar")


@pytest.fixture
def learner(facility):
    return LearnerFactory(facility=facility, full_name="Budi Santoso Wibowo", registration_number="BI.2023.0456")


@pytest.fixture
def admin(facility):
    return OfficerFactory(facility=facility, role=User.Role.FACILITY_ADMIN)


@pytest.fixture
def cohort(facility, course):
    cohort = CohortFactory(facility=facility, name="Kelas Menjahit A")
    cohort.courses.add(course)
    return cohort
