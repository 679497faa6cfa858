"""Writes on people: creating learners, setting PINs, signing learners in with a lockout."""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.audit.services import audit_record

from . import permissions
from .models import Facility, User

PIN_RE = re.compile(r"^\d{4,6}$")


class SignInRefused(Exception):
    """A learner sign-in that failed, with a message fit to show."""


def validate_pin(pin: str) -> None:
    if not PIN_RE.match(pin or ""):
        raise ValidationError(_("The PIN must be 4 to 6 digits."), code="pin_format")


def generate_pin() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def learner_create(
    *,
    actor: User | None,
    facility: Facility,
    registration_number: str,
    full_name: str,
    pin: str,
    must_change_pin: bool = True,
) -> User:
    if actor is not None:
        permissions.require(actor, "learner.manage", facility=facility)
    validate_pin(pin)
    registration_number = registration_number.strip()
    with transaction.atomic():
        user = User(
            role=User.Role.LEARNER,
            facility=facility,
            registration_number=registration_number,
            full_name=full_name.strip(),
            username=User.learner_username(facility.code, registration_number),
            must_change_pin=must_change_pin,
        )
        user.set_password(pin)
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(actor=actor, action="learner.create", target=user, facility=facility)
    return user


def learner_set_pin(*, actor: User, learner: User, pin: str) -> None:
    """The learner choosing a new PIN, or an officer resetting it (the learner then chooses anew)."""
    validate_pin(pin)
    if actor.pk != learner.pk:
        permissions.require(actor, "learner.manage", facility=learner.facility_id)
    with transaction.atomic():
        learner.set_password(pin)
        learner.must_change_pin = actor.pk != learner.pk
        learner.save(update_fields=["password", "must_change_pin"])
        audit_record(actor=actor, action="learner.pin_set", target=learner, facility=learner.facility)
    _clear_failures(learner.facility.code, learner.registration_number)


def _failure_key(facility_code: str, registration_number: str) -> str:
    return f"pin-fail:{facility_code.upper()}:{registration_number.strip().lower()}"


def _clear_failures(facility_code: str, registration_number: str) -> None:
    cache.delete(_failure_key(facility_code, registration_number))


def learner_sign_in(request, *, facility: str, registration_number: str, pin: str) -> User:
    """Check a learner's PIN; after too many failures the account is locked for a while.

    The count is kept per account (not per address: a whole lab shares one IP).
    """
    key = _failure_key(facility, registration_number)
    failures = cache.get(key, 0)
    if failures >= settings.LEARNER_PIN_MAX_FAILURES:
        raise SignInRefused(
            _("Too many wrong PINs. This account is locked for %(minutes)d minutes; ask your officer.")
            % {"minutes": settings.LEARNER_PIN_LOCKOUT_SECONDS // 60}
        )
    user = authenticate(request, facility=facility, registration_number=registration_number, pin=pin)
    if user is None:
        cache.set(key, failures + 1, settings.LEARNER_PIN_LOCKOUT_SECONDS)
        inactive = User.objects.filter(
            role=User.Role.LEARNER,
            facility__code=facility.strip().upper(),
            registration_number__iexact=registration_number.strip(),
            is_active=False,
        ).exists()
        if inactive:
            raise SignInRefused(_("This account is no longer active. Please speak to an officer."))
        raise SignInRefused(_("Facility, registration number or PIN is wrong. Please try again."))
    cache.delete(key)
    return user
