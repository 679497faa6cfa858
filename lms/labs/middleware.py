"""Learner session rules on every request, and the MFA rule for administrators.

``LearnerSessionMiddleware`` signs a learner out when they were idle too long, when the lab session
closed (or passed its planned end: correctness never waits for the beat task), or when the terminal
was revoked; it also keeps the live lab view's "current page" and "last seen" fresh, writing at
most every 30 seconds unless the page changed.

``MFARequiredMiddleware``: allauth has no "MFA required for this role" switch, so facility and
regional administrators without an active TOTP authenticator are sent to set one up.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.accounts.models import User

from . import services
from .models import FacilityLabSettings, LearnerSession, Terminal

WRITE_EVERY = timedelta(seconds=30)
STAMP_EVERY_SECONDS = 10  # the session (one row write) is saved at most this often for activity
UNTRACKED_PREFIXES = ("/static/", "/media/", "/sesi/", "/favicon", "/i18n/", "/keluar/")
# Clears the shared browser's caches and storage on sign-out; never "cookies": that would drop
# the terminal's registration cookie.
CLEAR_SITE_DATA = '"cache", "storage"'


class LearnerSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not permissions.is_learner(user) or request.path.startswith(("/static/", "/media/")):
            response = self.get_response(request)
            return self._clear_site_data(request, response)
        now = timezone.now()
        learner_session, ended = self._check(request, user, now)
        if ended:
            return self._sign_out(request, ended)
        if now.timestamp() - request.session.get(services.LAST_ACTIVITY_KEY, 0) >= STAMP_EVERY_SECONDS:
            request.session[services.LAST_ACTIVITY_KEY] = int(now.timestamp())  # saves the session
        request.learner_session = learner_session
        request.learner_idle_seconds = request._bekal_lab.idle_timeout_minutes * 60
        response = self.get_response(request)
        self._track(request, response, learner_session, now)
        return self._clear_site_data(request, response)

    def process_template_response(self, request, response):
        page = (getattr(response, "context_data", None) or {}).get("page")
        if getattr(request, "learner_session", None) is not None and getattr(page, "title", None):
            request._bekal_page_title = str(page.title)
        return response

    def _check(self, request, user, now) -> tuple[LearnerSession | None, str | None]:
        key = request.session.session_key
        learner_session = (
            LearnerSession.objects.filter(session_key=key, learner=user).order_by("-started_at").first()
            if key
            else None
        )
        if learner_session is None:
            # A session from before sessions were recorded (or a test's force_login): adopt it.
            learner_session = services.learner_session_start(request, user)
        elif learner_session.ended_at is not None:
            return learner_session, learner_session.end_reason or LearnerSession.EndReason.SIGNED_OUT
        lab = request._bekal_lab = FacilityLabSettings.for_facility(user.facility_id)
        last = request.session.get(services.LAST_ACTIVITY_KEY)
        if last is not None and now.timestamp() - last > lab.idle_timeout_minutes * 60 + services.IDLE_GRACE_SECONDS:
            request._bekal_idle_minutes = lab.idle_timeout_minutes
            return learner_session, LearnerSession.EndReason.IDLE
        if lab.require_lab_session and services.lab_session_current(user.facility_id, now) is None:
            return learner_session, LearnerSession.EndReason.LAB_CLOSED
        if lab.require_terminal:
            terminal = services.terminal_from_request(request)
            if not services.terminal_valid_for(terminal, user.facility_id) or (
                learner_session.terminal_id and learner_session.terminal_id != terminal.pk
            ):
                return learner_session, LearnerSession.EndReason.TERMINAL_REVOKED
        return learner_session, None

    def _sign_out(self, request, reason: str):
        services.learner_session_end_current(request, reason)
        minutes = getattr(request, "_bekal_idle_minutes", None)
        logout(request)
        text = {
            LearnerSession.EndReason.IDLE: _("You were signed out after %(minutes)d minutes without activity.")
            % {"minutes": minutes or 0},
            LearnerSession.EndReason.LAB_CLOSED: _("The lab session has ended, so you were signed out."),
            LearnerSession.EndReason.TERMINAL_REVOKED: _(
                "This computer is not a registered lab terminal any more, so you were signed out."
            ),
        }.get(reason, _("Your session was ended. Please sign in again."))
        messages.warning(request, text)
        if request.path.startswith("/sesi/") or request.headers.get("accept", "").startswith("application/json"):
            response = JsonResponse({"signed_out": True, "url": reverse("learner_login")}, status=401)
        else:
            response = redirect("learner_login")
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response

    def _track(self, request, response, learner_session: LearnerSession, now) -> None:
        if (
            request.method != "GET"
            or response.status_code != 200
            or "text/html" not in response.get("Content-Type", "")
            or request.path.startswith(UNTRACKED_PREFIXES)
        ):
            return
        path = request.get_full_path()[:300]
        if path == learner_session.current_path and now - learner_session.last_seen_at < WRITE_EVERY:
            return
        title = getattr(request, "_bekal_page_title", "")[:200]
        LearnerSession.objects.filter(pk=learner_session.pk).update(
            last_seen_at=now, current_path=path, current_title=title
        )
        if learner_session.terminal_id:
            Terminal.objects.filter(pk=learner_session.terminal_id).update(last_seen_at=now)

    @staticmethod
    def _clear_site_data(request, response):
        if request.method == "POST" and request.path == reverse("sign_out"):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        elif request.method == "POST" and request.path == reverse("learner_login") and response.status_code == 302:
            # Browsers cap cookie lifetimes (Chromium: 400 days): every sign-in on a registered
            # terminal renews its cookie, so a lab computer in use never loses its registration.
            terminal = services.terminal_from_request(request)
            if terminal is not None and terminal.active:
                services.terminal_cookie_set(response, terminal)
        return response


MFA_REQUIRED_ROLES = {User.Role.FACILITY_ADMIN, User.Role.REGIONAL_ADMIN}
MFA_ALLOWED_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/keluar/",
    "/static/",
    "/healthz",
    "/ping",
    "/i18n/",
)


def mfa_required(user) -> bool:
    return bool(
        user is not None and user.is_authenticated and not user.is_superuser and user.role in MFA_REQUIRED_ROLES
    )


class MFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if mfa_required(user) and not request.path.startswith(MFA_ALLOWED_PREFIXES):
            from allauth.mfa.models import Authenticator
            from allauth.mfa.utils import is_mfa_enabled

            if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
                messages.warning(
                    request,
                    _("Administrators must use a second factor. Set up an authenticator app to continue."),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
