"""Reads on the audit trail: who may browse which events, and the page's filters."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from lms.accounts import permissions

from .models import AuditEvent


def events_visible_to(user) -> QuerySet[AuditEvent]:
    """Facility administrators see their facility's events, regional administrators their region's."""
    if not permissions.can(user, "audit.view"):
        return AuditEvent.objects.none()
    return permissions.scope(AuditEvent.objects.select_related("actor", "facility"), user, facility="facility")


def events_filtered(
    *,
    user,
    action: str = "",
    actor: str = "",
    facility_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    events = events_visible_to(user)
    if action:
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor__email__icontains=actor) | events.filter(actor__full_name__icontains=actor)
    if facility_id:
        events = events.filter(facility_id=facility_id)
    zone = timezone.get_current_timezone()
    if since:
        events = events.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        events = events.filter(created_at__lte=datetime.combine(until, time.max, tzinfo=zone))
    return events.order_by("-created_at", "-pk")


def event_actions(user) -> list[str]:
    return sorted(set(events_visible_to(user).values_list("action", flat=True).distinct()))
