"""Writes for supervised labs: terminals, lab sessions, lab settings and learner sessions.

Staff actions take the acting officer, check permission, run in one transaction and write an audit
event. Learner-session functions are called by the sign-in view, the middleware and the tasks;
ending a learner session also deletes its Django session, so the browser is signed out at once.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.accounts.models import Facility, User
from lms.audit.services import audit_record

from .models import FacilityLabSettings, LabSession, LearnerSession, Terminal

TERMINAL_COOKIE = "bekal_terminal"
TERMINAL_SALT = "bekal.terminal"
TERMINAL_COOKIE_MAX_AGE = 5 * 365 * 24 * 60 * 60
LAST_ACTIVITY_KEY = "bekal_last_activity"
# The page pings at most once a minute, so the server may know of activity up to a minute late.
IDLE_GRACE_SECONDS = 60
MAX_LAB_SESSION = timedelta(hours=14)


class LabError(Exception):
    """A lab action that cannot be done now, with a message fit to show."""


# --- Terminals ------------------------------------------------------------------------------


def terminal_from_request(request) -> Terminal | None:
    """The terminal named by this browser's signed cookie (active or not), or None."""
    if not hasattr(request, "_bekal_terminal"):
        terminal = None
        token = request.get_signed_cookie(TERMINAL_COOKIE, default=None, salt=TERMINAL_SALT)
        if token:
            terminal = Terminal.objects.select_related("facility").filter(token=token).first()
        request._bekal_terminal = terminal
    return request._bekal_terminal


def terminal_cookie_set(response, terminal: Terminal) -> None:
    response.set_signed_cookie(
        TERMINAL_COOKIE,
        terminal.token,
        salt=TERMINAL_SALT,
        max_age=TERMINAL_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def terminal_register(*, actor: User, facility: Facility, name: str, location: str = "") -> Terminal:
    permissions.require(actor, "terminal.manage", facility=facility)
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the terminal a name."))
    with transaction.atomic():
        terminal = Terminal.objects.create(facility=facility, name=name, location=location.strip(), registered_by=actor)
        audit_record(actor=actor, action="terminal.register", target=terminal, facility=facility)
    return terminal


def terminal_revoke(*, actor: User, terminal: Terminal) -> Terminal:
    """Revoke a terminal; learners on it are signed out where the facility requires terminals."""
    permissions.require(actor, "terminal.manage", facility=terminal.facility_id)
    with transaction.atomic():
        terminal = Terminal.objects.select_for_update().get(pk=terminal.pk)
        if not terminal.active:
            return terminal
        terminal.active = False
        terminal.revoked_at = timezone.now()
        terminal.save(update_fields=["active", "revoked_at"])
        audit_record(actor=actor, action="terminal.revoke", target=terminal, facility=terminal.facility_id)
        if FacilityLabSettings.for_facility(terminal.facility_id).require_terminal:
            for learner_session in LearnerSession.objects.filter(terminal=terminal, ended_at__isnull=True):
                _end(learner_session, LearnerSession.EndReason.TERMINAL_REVOKED)
    return terminal


def terminal_valid_for(terminal: Terminal | None, facility_id: int) -> bool:
    return terminal is not None and terminal.active and terminal.facility_id == facility_id


# --- Settings -------------------------------------------------------------------------------


def lab_settings_update(
    *, actor: User, facility: Facility, require_terminal: bool, require_lab_session: bool, idle_timeout_minutes: int
) -> FacilityLabSettings:
    permissions.require(actor, "lab.configure", facility=facility)
    with transaction.atomic():
        lab, _created = FacilityLabSettings.objects.select_for_update().get_or_create(facility=facility)
        lab.require_terminal = require_terminal
        lab.require_lab_session = require_lab_session
        lab.idle_timeout_minutes = idle_timeout_minutes
        lab.full_clean()
        lab.save()
        audit_record(
            actor=actor,
            action="lab.settings_update",
            target=lab,
            facility=facility,
            data={
                "require_terminal": require_terminal,
                "require_lab_session": require_lab_session,
                "idle_timeout_minutes": idle_timeout_minutes,
            },
        )
    return lab


# --- Lab sessions ---------------------------------------------------------------------------


def lab_session_current(facility_id: int, when=None) -> LabSession | None:
    """The facility's open lab session; one past its planned end counts as closed already."""
    return LabSession.objects.filter(facility_id=facility_id).open_at(when or timezone.now()).first()


def lab_session_open(*, actor: User, facility: Facility, planned_end) -> LabSession:
    permissions.require(actor, "lab.manage", facility=facility)
    now = timezone.now()
    if planned_end <= now:
        raise LabError(_("The planned end must be later than now."))
    if planned_end - now > MAX_LAB_SESSION:
        hours = int(MAX_LAB_SESSION.total_seconds() // 3600)
        raise LabError(_("A lab session can last at most %(hours)d hours.") % {"hours": hours})
    with transaction.atomic():
        Facility.objects.select_for_update().get(pk=facility.pk)
        for stale in LabSession.objects.filter(facility=facility, closed_at__isnull=True, planned_end__lte=now):
            _close(stale, actor=None, when=stale.planned_end)
        if LabSession.objects.filter(facility=facility, closed_at__isnull=True).exists():
            raise LabError(_("A lab session is already open. Close it first."))
        lab_session = LabSession.objects.create(
            facility=facility, opened_by=actor, opened_at=now, planned_end=planned_end
        )
        audit_record(
            actor=actor,
            action="lab.open",
            target=lab_session,
            facility=facility,
            data={"planned_end": planned_end.isoformat()},
        )
    return lab_session


def lab_session_close(*, actor: User | None, lab_session: LabSession) -> LabSession:
    """Close a lab session (an officer, or the system at its planned end); a second call does nothing."""
    if actor is not None:
        permissions.require(actor, "lab.manage", facility=lab_session.facility_id)
    with transaction.atomic():
        lab_session = LabSession.objects.select_for_update().get(pk=lab_session.pk)
        if lab_session.closed_at is not None:
            return lab_session
        when = timezone.now()
        if actor is None:
            when = min(when, lab_session.planned_end)
        _close(lab_session, actor=actor, when=when)
    return lab_session


def _close(lab_session: LabSession, *, actor: User | None, when) -> None:
    lab_session.closed_at = when
    lab_session.closed_by = actor
    lab_session.save(update_fields=["closed_at", "closed_by"])
    audit_record(actor=actor, action="lab.close", target=lab_session, facility=lab_session.facility_id)
    if FacilityLabSettings.for_facility(lab_session.facility_id).require_lab_session:
        open_sessions = LearnerSession.objects.filter(facility_id=lab_session.facility_id, ended_at__isnull=True)
        for learner_session in open_sessions:
            _end(learner_session, LearnerSession.EndReason.LAB_CLOSED)


def lab_sessions_close_expired() -> int:
    """Close every lab session past its planned end (the beat task); idempotent."""
    expired = LabSession.objects.filter(closed_at__isnull=True, planned_end__lte=timezone.now())
    count = 0
    for lab_session in expired:
        lab_session_close(actor=None, lab_session=lab_session)
        count += 1
    return count


# --- Learner sessions -----------------------------------------------------------------------


def learner_sessions_end_idle() -> int:
    """End sessions idle past their facility's timeout (browser closed or walked away); idempotent.

    The middleware already refuses such a session on its next request; this tidies the live view
    and deletes the Django session so nothing is left signed in on a shared machine.
    """
    now = timezone.now()
    count = 0
    for lab in _timeouts():
        horizon = now - timedelta(seconds=lab["minutes"] * 60 + IDLE_GRACE_SECONDS + 60)
        stale = LearnerSession.objects.filter(ended_at__isnull=True, last_seen_at__lt=horizon)
        stale = (
            stale.filter(facility_id__in=lab["facilities"])
            if lab["facilities"] is not None
            else stale.exclude(facility_id__in=FacilityLabSettings.objects.values("pk"))
        )
        for learner_session in stale:
            _end(learner_session, LearnerSession.EndReason.IDLE)
            count += 1
    return count


def _timeouts() -> list[dict]:
    """Facilities grouped by idle timeout; ``None`` stands for every facility without settings."""
    groups: dict[int, list[int]] = {}
    for facility_id, minutes in FacilityLabSettings.objects.values_list("pk", "idle_timeout_minutes"):
        groups.setdefault(minutes, []).append(facility_id)
    default = FacilityLabSettings._meta.get_field("idle_timeout_minutes").default
    return [{"minutes": m, "facilities": ids} for m, ids in groups.items()] + [{"minutes": default, "facilities": None}]


def sign_in_allowed(request, learner: User) -> str | None:
    """None when ``learner`` may sign in from this browser now, else the reason to show."""
    lab = FacilityLabSettings.for_facility(learner.facility_id)
    if lab.require_terminal and not terminal_valid_for(terminal_from_request(request), learner.facility_id):
        return _("This computer is not a registered lab terminal. Learners can sign in only on the lab's computers.")
    if lab.require_lab_session and lab_session_current(learner.facility_id) is None:
        return _("The lab is closed. You can sign in when an officer opens the lab session.")
    return None


def learner_session_start(request, learner: User) -> LearnerSession:
    """Record a sign-in (call right after ``login``); the learner's older sessions end."""
    if request.session.session_key is None:
        request.session.save()
    now = timezone.now()
    terminal = terminal_from_request(request)
    if not terminal_valid_for(terminal, learner.facility_id):
        terminal = None
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=learner.pk).first()
        older = LearnerSession.objects.filter(learner=learner, ended_at__isnull=True).exclude(
            session_key=request.session.session_key
        )
        for learner_session in older:
            _end(learner_session, LearnerSession.EndReason.REPLACED)
        learner_session = LearnerSession.objects.create(
            learner=learner,
            facility_id=learner.facility_id,
            session_key=request.session.session_key,
            terminal=terminal,
            started_at=now,
            last_seen_at=now,
        )
    request.session[LAST_ACTIVITY_KEY] = int(now.timestamp())
    return learner_session


def learner_session_end_by_officer(*, actor: User, learner_session: LearnerSession) -> LearnerSession:
    permissions.require(actor, "lab.manage", facility=learner_session.facility_id)
    with transaction.atomic():
        learner_session = LearnerSession.objects.select_for_update().get(pk=learner_session.pk)
        if learner_session.ended_at is not None:
            return learner_session
        _end(learner_session, LearnerSession.EndReason.ENDED_BY_OFFICER)
        audit_record(
            actor=actor,
            action="lab.end_learner_session",
            target=learner_session,
            facility=learner_session.facility_id,
            data={"learner": learner_session.learner_id},
        )
    return learner_session


def learner_session_end_current(request, reason: str) -> None:
    """End the row for this request's session (the browser signs out right after)."""
    key = request.session.session_key
    if key:
        LearnerSession.objects.filter(session_key=key, ended_at__isnull=True).update(
            ended_at=timezone.now(), end_reason=reason
        )


def on_user_logged_out(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        learner_session_end_current(request, LearnerSession.EndReason.SIGNED_OUT)


def _end(learner_session: LearnerSession, reason: str) -> None:
    learner_session.ended_at = timezone.now()
    learner_session.end_reason = reason
    learner_session.save(update_fields=["ended_at", "end_reason"])
    # Deleted at once, not on commit: a rolled-back end only signs someone out early, never keeps
    # a session alive that should have ended.
    _delete_django_session(learner_session.session_key)


def _delete_django_session(session_key: str) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    store(session_key=session_key).delete()
