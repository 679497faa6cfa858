"""Reads for the officer's lab pages: who is signed in where, and what they are doing."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Facility

from .models import FacilityLabSettings, LearnerSession
from .services import IDLE_GRACE_SECONDS


def facility_now(facility: Facility):
    return timezone.localtime(timezone.now(), ZoneInfo(facility.timezone))


def live_sessions(facility: Facility) -> list[dict]:
    """Learners signed in at ``facility`` and not yet past the idle timeout, as JSON-ready rows."""
    lab = FacilityLabSettings.for_facility(facility.pk)
    now = timezone.now()
    horizon = now - timedelta(seconds=lab.idle_timeout_minutes * 60 + IDLE_GRACE_SECONDS + 30)
    zone = ZoneInfo(facility.timezone)
    rows = (
        LearnerSession.objects.filter(facility=facility, ended_at__isnull=True, last_seen_at__gte=horizon)
        .select_related("learner", "terminal")
        .order_by("terminal__name", "learner__full_name", "started_at")
    )
    return [
        {
            "id": row.pk,
            "learner": row.learner.display_name,
            "registration_number": row.learner.registration_number,
            "terminal": row.terminal.name if row.terminal else "",
            "location": row.terminal.location if row.terminal else "",
            "page_title": row.current_title,
            "page_path": row.current_path,
            "idle_seconds": (idle := max(0, int((now - row.last_seen_at).total_seconds()))),
            "idle": f"{idle} s" if idle < 60 else f"{idle // 60} min",
            "started": timezone.localtime(row.started_at, zone).strftime("%H:%M"),
            "end_url": reverse("lab_end_learner_session", args=[facility.code, row.pk]),
        }
        for row in rows
    ]
