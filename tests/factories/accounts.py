import base64
import hashlib
import hmac
import struct
import time

import factory

from lms.accounts.models import Cohort, Facility, Region, User

TEST_PIN = "246810"
TEST_PASSWORD = "correct-horse-battery"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Kanwil Uji {n}")


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        django_get_or_create = ["code"]

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"F{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Lapas Uji {o.code}")


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    role = User.Role.LEARNER
    facility = factory.SubFactory(FacilityFactory)
    registration_number = factory.Sequence(lambda n: f"BI.{n:04d}")
    full_name = factory.Faker("name", locale="id_ID")
    username = factory.LazyAttribute(lambda o: User.learner_username(o.facility.code, o.registration_number))
    must_change_pin = False

    @factory.post_generation
    def pin(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PIN)
        if create:
            obj.save(update_fields=["password"])


class OfficerFactory(factory.django.DjangoModelFactory):
    """An instructor unless told otherwise; instructors see only their own cohorts' learners."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    role = User.Role.INSTRUCTOR
    facility = factory.SubFactory(FacilityFactory)
    email = factory.Sequence(lambda n: f"petugas{n}@bekal.test")
    username = factory.LazyAttribute(lambda o: o.email)
    full_name = factory.Faker("name", locale="id_ID")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    facility = factory.SubFactory(FacilityFactory)
    name = factory.Sequence(lambda n: f"Kelas {n}")


def totp_now(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s), as an authenticator app computes it."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def with_totp(user: User) -> User:
    """Give an administrator an active TOTP authenticator, as the admin-MFA rule requires."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
    return user


def AdminFactory(**kwargs) -> User:
    """A facility administrator (or ``role=`` regional) who has set up the second factor."""
    kwargs.setdefault("role", User.Role.FACILITY_ADMIN)
    if kwargs["role"] == User.Role.REGIONAL_ADMIN:
        kwargs.setdefault("facility", None)
    return with_totp(OfficerFactory(**kwargs))


def InstructorFactory(*, cohort_learners=(), **kwargs) -> User:
    """An instructor teaching one cohort of ``cohort_learners`` in their facility."""
    kwargs.setdefault("role", User.Role.INSTRUCTOR)
    instructor = OfficerFactory(**kwargs)
    if cohort_learners:
        cohort = CohortFactory(facility=instructor.facility)
        cohort.learners.add(*cohort_learners)
        cohort.instructors.add(instructor)
    return instructor
