import pytest

from lms.accounts.models import User
from tests.factories import CohortFactory, FacilityFactory, LearnerFactory, OfficerFactory, build_course, with_totp


def sign_in_officer(client, officer) -> None:
    """Sign an officer in; administrators get the TOTP authenticator the site requires of them."""
    if officer.role in {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN}:
        with_totp(officer)
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
