"""The one function that records an audit event; call it inside the service's transaction."""

from typing import Any

from django.db import models

from .context import client_ip, current_request, terminal_label
from .models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    facility: Any = None,
    data: dict | None = None,
    request: Any = None,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``target``.

    The IP address and terminal come from ``request`` or, when none is given, from the request
    being served (see :mod:`lms.audit.context`); a background job records neither.
    """
    request = request if request is not None else current_request()
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor_id=actor_id,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        facility_id=getattr(facility, "pk", facility),
        data=data or {},
        terminal=terminal_label(request),
        ip=client_ip(request),
    )
