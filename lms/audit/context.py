"""Where an action came from: the current request's client IP and terminal, for audit events.

``AuditRequestMiddleware`` keeps the request being served in a context variable, so services record
the IP address and terminal without every caller passing the request down. Services may also pass
``request=`` to :func:`lms.audit.services.audit_record` explicitly; background jobs have no request
and record neither.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

_current_request: ContextVar[Any] = ContextVar("bekal_current_request", default=None)

TERMINAL_COOKIE = "bekal_terminal"
TERMINAL_COOKIE_SALT = "bekal.terminal"


def current_request():
    return _current_request.get()


def client_ip(request) -> str | None:
    """The client's address; behind a proxy the proxy must set REMOTE_ADDR (gunicorn forwarded-allow-ips)."""
    return (request.META.get("REMOTE_ADDR") or None) if request is not None else None


def terminal_label(request) -> str:
    """The terminal the request came from: the labs app's ``request.terminal`` or its signed device cookie."""
    if request is None:
        return ""
    terminal = getattr(request, "terminal", None)
    if terminal is not None:
        return str(terminal)[:64]
    value = request.get_signed_cookie(TERMINAL_COOKIE, default=None, salt=TERMINAL_COOKIE_SALT)
    return str(value)[:64] if value else ""


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
