"""Writes on people: learner accounts (create, CSV import, PIN, lockout, release, transfer),
learner sign-in with its limits, and officer invitations.

Every staff action checks permission, runs in one transaction and writes an audit event; learners'
own sign-ins and failures are audited too. PINs are never stored in clear: a first PIN exists only
in the officer's response (and the printed card).
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.context import TERMINAL_COOKIE, TERMINAL_COOKIE_SALT, client_ip
from lms.audit.services import audit_record
from lms.jobs import enqueue_on_commit

from . import permissions
from .cards import card_for, cards_pdf
from .csv_import import check_file
from .hashers import pin_hasher
from .models import Cohort, Facility, ImportBatch, Invitation, Region, TransferRecord, User

PIN_RE = re.compile(r"^\d{4,6}$")


class SignInRefused(Exception):
    """A learner sign-in that failed, with a message fit to show."""


# --- PINs ------------------------------------------------------------------------------------------


def validate_pin(pin: str) -> None:
    if not PIN_RE.match(pin or ""):
        raise ValidationError(_("The PIN must be 4 to 6 digits."), code="pin_format")


def generate_pin() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _require_for_learner(actor: User, action: str, learner: User) -> None:
    permissions.require(actor, action, facility=learner.facility_id, owner=learner)


# --- Creating learners ------------------------------------------------------------------------------


def learner_create(
    *,
    actor: User | None,
    facility: Facility,
    registration_number: str,
    full_name: str,
    pin: str,
    must_change_pin: bool = True,
    cohort: Cohort | None = None,
    birth_year: int | None = None,
    gender: str = "",
) -> User:
    """Create one learner (``actor`` None only for system commands such as the demo seed)."""
    if actor is not None:
        permissions.require(actor, "learner.admin", facility=facility)
    validate_pin(pin)
    if cohort is not None and cohort.facility_id != facility.pk:
        raise ValidationError(_("The cohort belongs to another facility."))
    registration_number = " ".join(registration_number.split())
    if User.objects.filter(
        facility=facility, role=User.Role.LEARNER, registration_number__iexact=registration_number
    ).exists():
        raise ValidationError(
            {
                "registration_number": _("Registration number %(number)s already exists in %(facility)s.")
                % {"number": registration_number, "facility": facility.name}
            }
        )
    with transaction.atomic():
        user = User(
            role=User.Role.LEARNER,
            facility=facility,
            registration_number=registration_number,
            full_name=" ".join(full_name.split()),
            username=User.learner_username(facility.code, registration_number),
            must_change_pin=must_change_pin,
            birth_year=birth_year,
            gender=gender,
        )
        user.set_password(pin)
        user.full_clean(exclude=["password"])
        user.save()
        if cohort is not None:
            _join_cohort(user, cohort)
        audit_record(
            actor=actor,
            action="learner.create",
            target=user,
            facility=facility,
            data={"cohort": cohort.name if cohort else None},
        )
    return user


def _join_cohort(learner: User, cohort: Cohort) -> None:
    from courses.services import enrollment_sync_cohort

    cohort.learners.add(learner)
    enrollment_sync_cohort(cohort=cohort)


def learner_import_check(
    *, actor: User, facility: Facility, data: bytes, filename: str = ""
) -> tuple[ImportBatch | None, list[str]]:
    """Check every row of a CSV file; if all are valid, keep them in a batch waiting for confirmation.

    Returns ``(batch, [])`` or ``(None, errors)``; no learner is created here.
    """
    permissions.require(actor, "learner.admin", facility=facility)
    checked = check_file(data, facility=facility)
    if not checked.ok:
        return None, checked.errors
    batch = ImportBatch.objects.create(
        id=uuid.uuid4(), facility=facility, actor=actor, filename=filename[:200], rows=checked.rows
    )
    return batch, []


def learner_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Confirm a checked batch: small ones are created now, large ones by a background job.

    Nothing is half-saved: the job creates every learner in one transaction or none.
    """
    from .tasks import run_learner_import

    permissions.require(actor, "learner.admin", facility=batch.facility_id)
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.VALIDATED:
            return locked
        locked.status = ImportBatch.Status.QUEUED
        locked.save(update_fields=["status"])
        if len(locked.rows) > settings.LEARNER_IMPORT_SYNC_MAX_ROWS:
            enqueue_on_commit(run_learner_import, str(locked.pk))
            return locked
    return learner_import_run(batch_id=locked.pk)


def import_progress_key(batch_id) -> str:
    return f"learner-import:{batch_id}"


def learner_import_run(*, batch_id) -> ImportBatch:
    """Create the learners of a confirmed batch; a second run of a finished batch does nothing."""
    batch = ImportBatch.objects.select_related("facility", "actor").get(pk=batch_id)
    if batch.status in {ImportBatch.Status.DONE, ImportBatch.Status.FAILED, ImportBatch.Status.VALIDATED}:
        return batch
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    total = len(batch.rows)
    key = import_progress_key(batch.pk)
    # Hashing PINs is the slow part (on purpose); it happens before the transaction, with progress.
    pins, hashes = [], []
    for done, _row in enumerate(batch.rows, start=1):
        pin = generate_pin()
        pins.append(pin)
        hashes.append(make_password(pin, hasher=pin_hasher()))
        if done % 5 == 0 or done == total:
            cache.set(key, {"done": done, "total": total, "at": time.time()}, 3600)
    try:
        with transaction.atomic():
            locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if locked.status == ImportBatch.Status.DONE:
                return locked
            learners = _create_imported(batch, hashes)
            cards = [card_for(learner, pin) for learner, pin in zip(learners, pins, strict=True)]
            locked.cards_pdf.save(f"kartu-{locked.pk}.pdf", ContentFile(cards_pdf(cards)), save=False)
            locked.status = ImportBatch.Status.DONE
            locked.created_count = len(learners)
            locked.finished_at = timezone.now()
            locked.save()
            audit_record(
                actor=batch.actor,
                action="learner.import",
                target=locked,
                facility=batch.facility,
                data={"count": len(learners), "file": batch.filename},
            )
            return locked
    except (ValidationError, IntegrityError) as error:
        message = "; ".join(getattr(error, "messages", [str(error)]))
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED, error=message, finished_at=timezone.now()
        )
        batch.refresh_from_db()
        return batch


def _create_imported(batch: ImportBatch, hashes: list[str]) -> list[User]:
    facility = batch.facility
    wanted = {row["registration_number"].lower() for row in batch.rows}
    taken = {
        number
        for number in User.objects.filter(facility=facility, role=User.Role.LEARNER).values_list(
            "registration_number", flat=True
        )
        if number.lower() in wanted
    }
    if taken:
        raise ValidationError(
            _("These registration numbers were added while the import waited, so nothing was imported: %(numbers)s")
            % {"numbers": ", ".join(sorted(taken))}
        )
    cohorts = {c.pk: c for c in Cohort.objects.filter(facility=facility)}
    learners = []
    for row, password in zip(batch.rows, hashes, strict=True):
        if row["cohort_id"] not in cohorts:
            raise ValidationError(_("Cohort “%(name)s” no longer exists.") % {"name": row["cohort"]})
        learner = User(
            role=User.Role.LEARNER,
            facility=facility,
            registration_number=row["registration_number"],
            full_name=row["full_name"],
            username=User.learner_username(facility.code, row["registration_number"]),
            must_change_pin=True,
            birth_year=row.get("birth_year"),
            gender=row.get("gender") or "",
            password=password,
        )
        learner.save()
        learners.append(learner)
        audit_record(
            actor=batch.actor,
            action="learner.create",
            target=learner,
            facility=facility,
            data={"import": str(batch.pk), "line": row["line"], "cohort": row["cohort"]},
        )
    from courses.services import enrollment_sync_cohort

    for cohort_id, cohort in cohorts.items():
        members = [lr for lr, row in zip(learners, batch.rows, strict=True) if row["cohort_id"] == cohort_id]
        if members:
            cohort.learners.add(*members)
            enrollment_sync_cohort(cohort=cohort)
    return learners


# --- PINs, lockouts, release, transfer -----------------------------------------------------------------


def learner_set_pin(*, actor: User, learner: User, pin: str) -> None:
    """The learner choosing a new PIN, or an officer setting one (the learner then chooses anew)."""
    validate_pin(pin)
    if actor.pk != learner.pk:
        _require_for_learner(actor, "learner.manage", learner)
    with transaction.atomic():
        learner.set_password(pin)
        learner.must_change_pin = actor.pk != learner.pk
        learner.save(update_fields=["password", "must_change_pin"])
        action = "learner.pin_reset" if actor.pk != learner.pk else "learner.pin_change"
        audit_record(actor=actor, action=action, target=learner, facility=learner.facility)
    _clear_failures(learner.facility.code, learner.registration_number)


def learner_reset_pin(*, actor: User, learner: User) -> str:
    """An officer gives the learner a new first PIN (for a new card); returns it, in clear, once."""
    pin = generate_pin()
    learner_set_pin(actor=actor, learner=learner, pin=pin)
    return pin


def learner_is_locked(learner: User) -> bool:
    return cache.get(_failure_key(learner.facility.code, learner.registration_number), 0) >= (
        settings.LEARNER_PIN_MAX_FAILURES
    )


def learner_unlock(*, actor: User, learner: User) -> None:
    _require_for_learner(actor, "learner.manage", learner)
    with transaction.atomic():
        audit_record(actor=actor, action="learner.unlock", target=learner, facility=learner.facility)
    _clear_failures(learner.facility.code, learner.registration_number)


def learner_deactivate(*, actor: User, learner: User, reason: str = "") -> None:
    """A released learner: sign-in is refused with its own message; every record stays."""
    _require_for_learner(actor, "learner.manage", learner)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=learner.pk, role=User.Role.LEARNER)
        if not locked.is_active:
            return
        locked.is_active = False
        locked.deactivated_at = timezone.now()
        locked.save(update_fields=["is_active", "deactivated_at"])
        audit_record(
            actor=actor,
            action="learner.deactivate",
            target=locked,
            facility=locked.facility_id,
            data={"reason": reason.strip()[:300]},
        )
    learner.is_active, learner.deactivated_at = locked.is_active, locked.deactivated_at


def learner_reactivate(*, actor: User, learner: User) -> None:
    _require_for_learner(actor, "learner.manage", learner)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=learner.pk, role=User.Role.LEARNER)
        if locked.is_active:
            return
        locked.is_active = True
        locked.deactivated_at = None
        locked.save(update_fields=["is_active", "deactivated_at"])
        audit_record(actor=actor, action="learner.reactivate", target=locked, facility=locked.facility_id)
    learner.is_active, learner.deactivated_at = True, None


def learner_transfer(
    *, actor: User, learner: User, to_facility: Facility, registration_number: str = "", note: str = ""
) -> TransferRecord:
    """Move a learner to another facility: old cohorts are left, enrolments, progress, listings and
    certificates stay with the learner, and a TransferRecord keeps the history."""
    permissions.require(actor, "learner.transfer", facility=learner.facility_id)
    permissions.require(actor, "learner.transfer", facility=to_facility)
    number = " ".join((registration_number or learner.registration_number).split())
    with transaction.atomic():
        locked = (
            User.objects.select_for_update(of=("self",))
            .select_related("facility")
            .get(pk=learner.pk, role=User.Role.LEARNER)
        )
        if locked.facility_id == to_facility.pk:
            raise ValidationError(_("The learner is already in %(facility)s.") % {"facility": to_facility.name})
        if User.objects.filter(
            facility=to_facility, role=User.Role.LEARNER, registration_number__iexact=number
        ).exists():
            raise ValidationError(
                {
                    "registration_number": _(
                        "Registration number %(number)s is already used in %(facility)s. Give the learner's "
                        "registration number in the new facility."
                    )
                    % {"number": number, "facility": to_facility.name}
                }
            )
        old_facility, old_number = locked.facility, locked.registration_number
        old_cohorts = list(locked.cohorts.all())
        locked.cohorts.remove(*old_cohorts)
        locked.facility = to_facility
        locked.registration_number = number
        locked.username = User.learner_username(to_facility.code, number)
        locked.save(update_fields=["facility", "registration_number", "username"])
        record = TransferRecord.objects.create(
            learner=locked,
            from_facility=old_facility,
            to_facility=to_facility,
            from_registration_number=old_number,
            to_registration_number=number,
            removed_cohorts=[c.name for c in old_cohorts],
            actor=actor,
            note=note.strip()[:300],
        )
        data = {"from": old_facility.code, "to": to_facility.code, "from_number": old_number, "to_number": number}
        audit_record(actor=actor, action="learner.transfer", target=locked, facility=old_facility, data=data)
        audit_record(actor=actor, action="learner.transfer_in", target=locked, facility=to_facility, data=data)
    _clear_failures(old_facility.code, old_number)
    learner.refresh_from_db()
    return record


# --- Learner sign-in ---------------------------------------------------------------------------------


def _failure_key(facility_code: str, registration_number: str) -> str:
    return f"pin-fail:{facility_code.strip().upper()}:{registration_number.strip().lower()}"


def _clear_failures(facility_code: str, registration_number: str) -> None:
    cache.delete(_failure_key(facility_code, registration_number))


def _terminal_key(request) -> str:
    """Failures are also counted per terminal: its signed device cookie, else the client address."""
    device = request.get_signed_cookie(TERMINAL_COOKIE, default=None, salt=TERMINAL_COOKIE_SALT) if request else None
    if device:
        return f"pin-fail-terminal:device:{device}"
    return f"pin-fail-terminal:ip:{client_ip(request) or 'unknown'}"


def _count_failure(key: str) -> None:
    window = settings.LEARNER_PIN_LOCKOUT_SECONDS
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)


def _audit_sign_in(action: str, *, facility: str, registration_number: str, learner: User | None, reason: str = ""):
    target = learner or Facility.objects.filter(code=facility.strip().upper()).first()
    if target is None:
        return
    audit_record(
        actor=None,
        action=action,
        target=target,
        facility=learner.facility_id if learner else target.pk,
        data={"registration_number": registration_number.strip()[:40], "reason": reason} if reason else {},
    )


def learner_sign_in(request, *, facility: str, registration_number: str, pin: str) -> User:
    """Check a learner's PIN; after too many failures the account (or the terminal) is locked a while.

    Failures are counted per account (a whole lab shares one IP address) and, with a much higher
    limit, per terminal, so one machine cannot try PINs across many accounts.
    """
    key = _failure_key(facility, registration_number)
    terminal_key = _terminal_key(request)
    known = User.objects.filter(
        role=User.Role.LEARNER,
        facility__code=facility.strip().upper(),
        registration_number__iexact=registration_number.strip(),
    ).first()
    minutes = settings.LEARNER_PIN_LOCKOUT_SECONDS // 60
    if cache.get(terminal_key, 0) >= settings.LEARNER_TERMINAL_MAX_FAILURES:
        _audit_sign_in(
            "learner.sign_in_refused",
            facility=facility,
            registration_number=registration_number,
            learner=known,
            reason="terminal_limit",
        )
        raise SignInRefused(
            _("Too many wrong sign-ins on this computer. Wait %(minutes)d minutes or ask your officer.")
            % {"minutes": minutes}
        )
    if cache.get(key, 0) >= settings.LEARNER_PIN_MAX_FAILURES:
        _audit_sign_in(
            "learner.sign_in_refused",
            facility=facility,
            registration_number=registration_number,
            learner=known,
            reason="locked",
        )
        raise SignInRefused(
            _("Too many wrong PINs. This account is locked for %(minutes)d minutes; ask your officer.")
            % {"minutes": minutes}
        )
    user = authenticate(request, facility=facility, registration_number=registration_number, pin=pin)
    if user is None:
        _count_failure(key)
        _count_failure(terminal_key)
        inactive = known is not None and not known.is_active
        _audit_sign_in(
            "learner.sign_in_failed",
            facility=facility,
            registration_number=registration_number,
            learner=known,
            reason="inactive" if inactive else "wrong_pin",
        )
        if inactive:
            raise SignInRefused(_("This account is no longer active. Please speak to an officer."))
        raise SignInRefused(_("Facility, registration number or PIN is wrong. Please try again."))
    cache.delete(key)
    return user  # the sign-in itself is audited when login() runs (receivers.py)


# --- Officer invitations ------------------------------------------------------------------------------

INVITATION_SALT = "bekal.invitation"


class InvitationInvalid(Exception):
    """A link that cannot be used (unknown, used, expired), with a message fit to show."""


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT, compress=True)


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[invitation_token(invitation)])


def invitation_create(
    *,
    actor: User,
    email: str,
    role: str,
    facility: Facility | None = None,
    region: Region | None = None,
    full_name: str = "",
) -> Invitation:
    """An administrator invites an officer by email; the link works once, for seven days."""
    email = email.strip().lower()
    if role not in permissions.invitable_roles(actor):
        raise PermissionDenied("officer.invite")
    if role == User.Role.REGIONAL_ADMIN:
        if region is None:
            raise ValidationError({"region": _("Choose the region of the regional administrator.")})
        facility = None
    else:
        if facility is None:
            raise ValidationError({"facility": _("Choose the facility.")})
        region = None
        if not actor.is_superuser:
            permissions.require(actor, "officer.invite", facility=facility)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email already exists.")})
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            full_name=" ".join(full_name.split()),
            role=role,
            facility=facility,
            region=region,
            invited_by=actor,
            nonce=secrets.token_urlsafe(24),
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
        )
        audit_record(
            actor=actor,
            action="officer.invite",
            target=invitation,
            facility=facility,
            data={"email": email, "role": role, "region": region.pk if region else None},
        )
        url = invitation_url(invitation)
        context = {"invitation": invitation, "url": url, "days": settings.INVITATION_MAX_AGE_DAYS}
        subject = _("Your Bekal officer account")
        body = render_to_string("accounts/email/invitation.txt", context)
        transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=False))
    return invitation


def invitation_from_token(token: str) -> Invitation:
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=timedelta(days=settings.INVITATION_MAX_AGE_DAYS))
    except signing.SignatureExpired as error:
        raise InvitationInvalid(_("This invitation has expired. Ask your administrator for a new one.")) from error
    except signing.BadSignature as error:
        raise InvitationInvalid(_("This invitation link is not valid.")) from error
    invitation = Invitation.objects.filter(pk=payload.get("i"), nonce=payload.get("n")).first()
    if invitation is None:
        raise InvitationInvalid(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise InvitationInvalid(_("This invitation has already been used. Sign in with your email and password."))
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(_("This invitation has expired. Ask your administrator for a new one."))
    return invitation


def invitation_accept(*, token: str, password: str, full_name: str = "") -> User:
    """The invitee sets a password: the account is made with a verified email address; the link is spent."""
    from allauth.account.models import EmailAddress

    invitation = invitation_from_token(token)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationInvalid(_("This invitation has already been used. Sign in with your email and password."))
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationInvalid(_("An account with this email already exists."))
        name = " ".join((full_name or invitation.full_name).split())
        first, _sep, last = name.partition(" ")
        user = User(
            username=invitation.email,
            email=invitation.email,
            full_name=name,
            first_name=first[:150],
            last_name=last[:150],
            role=invitation.role,
            facility=invitation.facility,
            region=invitation.region,
        )
        validate_password(password, user)
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
        audit_record(
            actor=user,
            action="officer.invitation_accept",
            target=user,
            facility=invitation.facility,
            data={"invitation": invitation.pk, "role": invitation.role},
        )
    return user


# --- Personal data ---------------------------------------------------------------------------------------


def learner_export_personal_data(*, actor: User, learner: User, fmt: str) -> dict:
    """What Bekal holds about ``learner``, for an administrator's export (the export is audited)."""
    from .selectors import learner_personal_data

    permissions.require(actor, "learner.export", facility=learner.facility_id)
    with transaction.atomic():
        audit_record(
            actor=actor, action="learner.export", target=learner, facility=learner.facility_id, data={"format": fmt}
        )
    return learner_personal_data(learner=learner)


def learners_print_cards(*, actor: User, learners: list[User]) -> bytes:
    """New first PINs for ``learners`` (each reset is audited) and their cards as one PDF."""
    cards = []
    with transaction.atomic():
        for learner in learners:
            cards.append(card_for(learner, learner_reset_pin(actor=actor, learner=learner)))
    return cards_pdf(cards)
