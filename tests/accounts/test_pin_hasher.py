"""Learners' PINs use the PIN hasher (fewer rounds); officers keep Django's default; old PIN hashes upgrade."""

import pytest
from django.contrib.auth.hashers import make_password

from lms.accounts.models import User
from tests.factories import LearnerFactory, OfficerFactory
from tests.factories.accounts import TEST_PIN

REAL_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "lms.accounts.hashers.LearnerPinHasher",
]


@pytest.fixture
def real_hashers(settings):
    settings.PASSWORD_HASHERS = REAL_HASHERS
    settings.LEARNER_PIN_HASH_ITERATIONS = 1000  # the rounds are a setting; kept low to stay fast here


@pytest.mark.django_db
def test_a_learner_pin_gets_the_pin_hasher_and_an_officer_password_the_default(real_hashers):
    learner = LearnerFactory()
    officer = OfficerFactory()
    officer.set_password("kata-sandi-petugas-panjang")
    assert learner.password.startswith("pbkdf2_pin$1000$")
    assert officer.password.startswith("pbkdf2_sha256$")
    assert learner.check_password(TEST_PIN) and not learner.check_password("000000")
    assert officer.check_password("kata-sandi-petugas-panjang")


@pytest.mark.django_db
def test_an_old_pin_hash_still_works_and_is_rehashed_with_the_pin_hasher(real_hashers):
    learner = LearnerFactory()
    User.objects.filter(pk=learner.pk).update(password=make_password(TEST_PIN, hasher="pbkdf2_sha256"))
    learner.refresh_from_db()
    assert learner.check_password(TEST_PIN)
    learner.refresh_from_db()
    assert learner.password.startswith("pbkdf2_pin$")
    assert learner.check_password(TEST_PIN)
