"""Maintaining the report aggregates (``lms.reports.models``) from the source tables.

:func:`rebuild` recomputes every figure of the given facilities (or of all) from scratch in one
transaction: it deletes their aggregate rows and writes new ones, so running it twice gives the
same tables. It works in set-based queries (a few ``GROUP BY`` per table, never one query per
facility or learner), so a nationwide nightly run stays a handful of statements.

Between rebuilds, writes mark their facility stale (:func:`mark_facility_stale`,
:func:`mark_learner_stale`, called by ``receivers``); the beat task ``reports.refresh`` calls
:func:`refresh`, which rebuilds only the stale facilities. A short-lived cache flag keeps a busy
facility from inserting its stale mark on every write; each refresh starts a new flag generation.

Definitions (the dashboards and the tests use the same ones):

- A learner belongs to their *current* home facility (a transferred learner's history moves along).
- Course funnel, per enrolment: *started* — a progress row on one of the course's live lessons (or
  completed); *half done* — completed at least half of those lessons (or completed); *completed* —
  the enrolment's ``completed_at`` is set; *certified* — a valid (unrevoked) certificate exists.
- Quiz scores: every graded, submitted attempt on a lesson of the course.
- Active learner in a month: started, completed or last looked at a lesson, submitted a quiz, or
  signed in (learner session) in that month.
- Orders: placed in the month and not cancelled. Sales and premi: ledger lines written in the month.
- Listings submitted/approved/promoted: status changes to that state in the month (a resubmission
  counts again). Certificates: valid ones by issue date, at the issuing facility.
- Lab sessions by opening time, their length until closed (or the planned end while open);
  terminal use: learner sessions by start, their length until ended (or last seen).
- Learner activity: the latest of the above for active learners; a quiz is *failing* when it has at
  least ``FAILED_QUIZ_LIMIT`` failed attempts and none passed.
"""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, LessonPage, LessonProgress, ModulePage
from courses.quizzes.models import QuizAttempt
from lms.accounts.models import Facility, User
from lms.labs.models import LabSession, LearnerSession
from sandbox_shop.models import ListingStatusChange, PracticeListing
from store.ledger_models import PremiAllocation, Sale
from store.order_models import Order

from .models import (
    FacilityCourseStat,
    FacilityMonthStat,
    FacilityRefresh,
    LearnerActivity,
    StaleFacility,
    TerminalMonthStat,
)

logger = logging.getLogger(__name__)

FAILED_QUIZ_LIMIT = 2
_GENERATION_KEY = "reports:stale-generation"


# --- marking stale -------------------------------------------------------------------------------


def _flag_key(kind: str, pk: int) -> str:
    try:
        generation = cache.get(_GENERATION_KEY, 0)
    except Exception:  # a cache outage must never break a write
        generation = "x"
    return f"reports:stale:{generation}:{kind}:{pk}"


def _already_flagged(key: str) -> bool:
    try:
        return cache.get(key) is not None
    except Exception:
        return False


FLAG_SECONDS = 60


def _flag(key: str) -> None:
    """Remember for a minute that the mark is written. Set at once rather than on commit, so that
    concurrent writers of one facility do not queue behind each other's uncommitted insert; if the
    marking transaction rolls back, the next write after the minute marks again (and the nightly
    rebuild catches anything left)."""
    with contextlib.suppress(Exception):  # without the flag the next write just inserts again
        cache.set(key, 1, timeout=FLAG_SECONDS)


def mark_facility_stale(facility_id: int | None) -> None:
    """Remember that ``facility_id``'s figures must be recomputed (one insert, skipped when flagged)."""
    if not facility_id:
        return
    key = _flag_key("f", facility_id)
    if _already_flagged(key):
        return
    StaleFacility.objects.bulk_create([StaleFacility(facility_id=facility_id)], ignore_conflicts=True)
    _flag(key)


def mark_learner_stale(learner_id: int | None) -> None:
    """Mark the home facility of ``learner_id`` stale without loading the learner (one insert … select)."""
    if not learner_id:
        return
    key = _flag_key("l", learner_id)
    if _already_flagged(key):
        return
    stale, user = StaleFacility._meta, User._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {stale.db_table} (facility_id, marked_at) "  # noqa: S608 (table names only)
            f"SELECT facility_id, %s FROM {user.db_table} WHERE id = %s AND facility_id IS NOT NULL "
            "ON CONFLICT (facility_id) DO NOTHING",
            [timezone.now(), learner_id],
        )
    _flag(key)


def refresh() -> list[int]:
    """Rebuild the facilities marked stale; returns their ids. A second run with nothing new is a no-op."""
    ids = sorted(StaleFacility.objects.values_list("facility_id", flat=True))
    if not ids:
        return []
    try:  # new writes from now on insert their mark again, even if they were flagged before
        cache.set(_GENERATION_KEY, (cache.get(_GENERATION_KEY) or 0) + 1, timeout=None)
    except Exception:
        logger.warning("reports: cache unavailable while refreshing", exc_info=True)
    with transaction.atomic():
        StaleFacility.objects.filter(facility_id__in=ids).delete()
        rebuild(ids)
    return ids


# --- rebuilding ----------------------------------------------------------------------------------


def _month(value: datetime | date | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands raw dates back as text
        value = parse_datetime(value) or parse_date(value[:10])
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return date(value.year, value.month, 1)
    return date(value.year, value.month, 1)


def _only(qs, path: str, ids: list[int] | None):
    return qs if ids is None else qs.filter(**{f"{path}__in": ids})


def course_lesson_map() -> dict[int, int]:
    """Live lesson id → course id, for the live lessons of live modules (as ``course_lessons``)."""
    courses = sorted(CoursePage.objects.values_list("path", "pk"), key=lambda row: -len(row[0]))
    live_modules = set(ModulePage.objects.live().values_list("path", flat=True))
    mapping: dict[int, int] = {}
    steplen = LessonPage.steplen
    for pk, path in LessonPage.objects.live().values_list("pk", "path"):
        if path[:-steplen] not in live_modules:
            continue
        for course_path, course_id in courses:
            if path.startswith(course_path):
                mapping[pk] = course_id
                break
    return mapping


def _course_case(mapping: dict[int, int], field: str = "lesson_id") -> Case:
    by_course: dict[int, list[int]] = defaultdict(list)
    for lesson_id, course_id in mapping.items():
        by_course[course_id].append(lesson_id)
    return Case(
        *[When(**{f"{field}__in": lessons}, then=Value(course_id)) for course_id, lessons in by_course.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def _seconds(value) -> int:
    if value is None:
        return 0
    if isinstance(value, timedelta):
        return max(int(value.total_seconds()), 0)
    return max(int(value) // 1_000_000, 0)  # SQLite hands durations back as microseconds


def _course_stats(ids: list[int] | None, mapping: dict[int, int]) -> list[FacilityCourseStat]:
    lesson_totals: dict[int, int] = defaultdict(int)
    for course_id in mapping.values():
        lesson_totals[course_id] += 1
    learners = _only(User.objects.filter(role=User.Role.LEARNER), "facility_id", ids)
    progress: dict[tuple[int, int], tuple[int, int]] = {}
    scores: dict[tuple[int, int], tuple[Decimal, int]] = {}
    if mapping:
        rows = (
            LessonProgress.objects.filter(learner__in=learners.values("pk"), lesson_id__in=list(mapping))
            .annotate(course_ref=_course_case(mapping))
            .values("learner_id", "course_ref")
            .annotate(started=Count("id"), done=Count("id", filter=Q(completed_at__isnull=False)))
        )
        progress = {(r["learner_id"], r["course_ref"]): (r["started"], r["done"]) for r in rows}
        rows = (
            QuizAttempt.objects.filter(
                learner__in=learners.values("pk"),
                lesson_id__in=list(mapping),
                submitted_at__isnull=False,
                score__isnull=False,
            )
            .annotate(course_ref=_course_case(mapping))
            .values("learner__facility_id", "course_ref")
            .annotate(total=Sum("score"), n=Count("id"))
        )
        scores = {(r["learner__facility_id"], r["course_ref"]): (r["total"] or Decimal(0), r["n"]) for r in rows}
    certified = set(
        Certificate.objects.filter(revoked_at__isnull=True, learner__in=learners.values("pk")).values_list(
            "learner_id", "course_id"
        )
    )
    stats: dict[tuple[int, int], FacilityCourseStat] = {}
    enrolments = Enrollment.objects.filter(learner__in=learners.values("pk")).values_list(
        "learner_id", "learner__facility_id", "course_id", "completed_at"
    )
    for learner_id, facility_id, course_id, completed_at in enrolments.iterator(chunk_size=5000):
        stat = stats.get((facility_id, course_id))
        if stat is None:
            stat = stats[(facility_id, course_id)] = FacilityCourseStat(facility_id=facility_id, course_id=course_id)
        started, done = progress.get((learner_id, course_id), (0, 0))
        total = lesson_totals.get(course_id, 0)
        completed = completed_at is not None
        stat.enrolled += 1
        stat.started += started > 0 or completed
        stat.half_done += (total > 0 and done * 2 >= total) or completed
        stat.completed += completed
        stat.certified += (learner_id, course_id) in certified
    for (facility_id, course_id), (total, n) in scores.items():
        stat = stats.get((facility_id, course_id))
        if stat is None:
            stat = stats[(facility_id, course_id)] = FacilityCourseStat(facility_id=facility_id, course_id=course_id)
        stat.quiz_score_sum, stat.quiz_score_count = total, n
    return list(stats.values())


def _active_by_month(ids: list[int] | None) -> dict[tuple[int, date], int]:
    """Distinct active learners per facility and month, counted in the database: the union of
    (facility, learner, month) over every activity source, then one ``GROUP BY``."""
    sources = [
        (LessonProgress.objects, "started_at"),
        (LessonProgress.objects, "completed_at"),
        (LessonProgress.objects, "last_seen_at"),
        (QuizAttempt.objects, "submitted_at"),
        (LearnerSession.objects, "started_at"),
    ]
    parts, params = [], []
    for manager, field in sources:
        qs = manager.filter(
            learner__role=User.Role.LEARNER, learner__facility__isnull=False, **{f"{field}__isnull": False}
        )
        qs = _only(qs, "learner__facility_id", ids).values(
            rf=F("learner__facility_id"), rl=F("learner_id"), rm=TruncMonth(field, output_field=DateField())
        )
        sql, sql_params = qs.query.sql_with_params()
        parts.append(sql)
        params.extend(sql_params)
    # the parts are SQL compiled by the ORM, every value in ``params``
    union = " UNION ".join(f"SELECT * FROM ({sql}) AS s{n}" for n, sql in enumerate(parts))  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rf, rm, COUNT(*) FROM ({union}) AS u GROUP BY rf, rm", params)  # noqa: S608
        return {(facility_id, _month(month)): n for facility_id, month, n in cursor.fetchall()}


def _month_stats(ids: list[int] | None) -> list[FacilityMonthStat]:
    stats: dict[tuple[int, date], FacilityMonthStat] = {}

    def stat(facility_id: int, month) -> FacilityMonthStat:
        key = (facility_id, _month(month))
        if key not in stats:
            stats[key] = FacilityMonthStat(facility_id=facility_id, month=key[1])
        return stats[key]

    for (facility_id, month), n in _active_by_month(ids).items():
        stat(facility_id, month).active_learners = n
    orders = _only(Order.objects.exclude(status=Order.Status.CANCELLED), "facility_id", ids)
    for row in orders.annotate(m=TruncMonth("created_at")).values("facility_id", "m").annotate(n=Count("id")):
        stat(row["facility_id"], row["m"]).orders = row["n"]
    sales = _only(Sale.objects.all(), "facility_id", ids)
    for row in sales.annotate(m=TruncMonth("created_at")).values("facility_id", "m").annotate(total=Sum("amount")):
        stat(row["facility_id"], row["m"]).sales_amount = row["total"] or 0
    premi = _only(PremiAllocation.objects.all(), "sale__facility_id", ids)
    for row in (
        premi.annotate(m=TruncMonth("sale__created_at")).values("sale__facility_id", "m").annotate(total=Sum("amount"))
    ):
        stat(row["sale__facility_id"], row["m"]).premi_amount = row["total"] or 0
    fields = {
        PracticeListing.Status.SUBMITTED: "listings_submitted",
        PracticeListing.Status.APPROVED: "listings_approved",
        PracticeListing.Status.PROMOTED: "listings_promoted",
    }
    changes = _only(ListingStatusChange.objects.filter(to_status__in=list(fields)), "listing__facility_id", ids)
    for row in (
        changes.annotate(m=TruncMonth("created_at"))
        .values("listing__facility_id", "m", "to_status")
        .annotate(n=Count("id"))
    ):
        setattr(stat(row["listing__facility_id"], row["m"]), fields[row["to_status"]], row["n"])
    certificates = _only(Certificate.objects.filter(revoked_at__isnull=True), "facility_id", ids)
    for row in certificates.annotate(m=TruncMonth("issued_on")).values("facility_id", "m").annotate(n=Count("id")):
        stat(row["facility_id"], row["m"]).certificates = row["n"]
    length = ExpressionWrapper(Coalesce("closed_at", "planned_end") - F("opened_at"), output_field=DurationField())
    labs = _only(LabSession.objects.all(), "facility_id", ids)
    for row in (
        labs.annotate(m=TruncMonth("opened_at")).values("facility_id", "m").annotate(n=Count("id"), time=Sum(length))
    ):
        entry = stat(row["facility_id"], row["m"])
        entry.lab_sessions, entry.lab_seconds = row["n"], _seconds(row["time"])
    return list(stats.values())


def _terminal_stats(ids: list[int] | None) -> list[TerminalMonthStat]:
    length = ExpressionWrapper(Coalesce("ended_at", "last_seen_at") - F("started_at"), output_field=DurationField())
    rows = (
        _only(LearnerSession.objects.all(), "facility_id", ids)
        .annotate(m=TruncMonth("started_at"))
        .values("facility_id", "terminal_id", "m")
        .annotate(n=Count("id"), time=Sum(length))
    )
    return [
        TerminalMonthStat(
            facility_id=row["facility_id"],
            terminal_id=row["terminal_id"],
            month=_month(row["m"]),
            sessions=row["n"],
            seconds=_seconds(row["time"]),
        )
        for row in rows
    ]


def _learner_activity(ids: list[int] | None) -> list[LearnerActivity]:
    learners = _only(
        User.objects.filter(role=User.Role.LEARNER, is_active=True, facility__isnull=False), "facility_id", ids
    )
    people = {
        pk: LearnerActivity(learner_id=pk, facility_id=fid) for pk, fid in learners.values_list("pk", "facility_id")
    }
    scope = learners.values("pk")

    def later(entry: LearnerActivity, *times) -> None:
        for value in times:
            if value is not None and (entry.last_activity_at is None or value > entry.last_activity_at):
                entry.last_activity_at = value

    for row in (
        LessonProgress.objects.filter(learner__in=scope)
        .values("learner_id")
        .annotate(a=Max("started_at"), b=Max("completed_at"), c=Max("last_seen_at"))
    ):
        later(people[row["learner_id"]], row["a"], row["b"], row["c"])
    for row in (
        QuizAttempt.objects.filter(learner__in=scope, submitted_at__isnull=False)
        .values("learner_id")
        .annotate(a=Max("submitted_at"))
    ):
        later(people[row["learner_id"]], row["a"])
    for row in LearnerSession.objects.filter(learner__in=scope).values("learner_id").annotate(a=Max("started_at")):
        later(people[row["learner_id"]], row["a"])
    for row in (
        QuizAttempt.objects.filter(learner__in=scope, submitted_at__isnull=False)
        .values("learner_id", "quiz_id")
        .annotate(failed=Count("id", filter=Q(passed=False)), passed=Count("id", filter=Q(passed=True)))
    ):
        if row["passed"] == 0 and row["failed"] >= FAILED_QUIZ_LIMIT:
            people[row["learner_id"]].failing_quizzes += 1
    for learner_id, enrolled_at, completed_at in Enrollment.objects.filter(learner__in=scope).values_list(
        "learner_id", "enrolled_at", "completed_at"
    ):
        entry = people[learner_id]
        entry.courses_enrolled += 1
        entry.courses_completed += completed_at is not None
        if entry.first_enrolled_at is None or enrolled_at < entry.first_enrolled_at:
            entry.first_enrolled_at = enrolled_at
    return list(people.values())


@transaction.atomic
def rebuild(facility_ids: Iterable[int] | None = None, *, now: datetime | None = None) -> int:
    """Recompute every aggregate of ``facility_ids`` (all facilities when None); returns the number
    of facilities. Deletes and rewrites in one transaction, so readers see the old or the new figures."""
    ids = None if facility_ids is None else sorted(set(facility_ids))
    now = now or timezone.now()
    # Two rebuilds of one facility wait for each other; NO KEY UPDATE still lets writes that only
    # reference a facility (every source row) go on meanwhile.
    facilities = list(
        _only(Facility.objects.select_for_update(no_key=True), "pk", ids).order_by("pk").values_list("pk", flat=True)
    )
    if ids is not None:
        ids = facilities
        if not ids:
            return 0
    mapping = course_lesson_map()
    course_rows = _course_stats(ids, mapping)
    month_rows = _month_stats(ids)
    terminal_rows = _terminal_stats(ids)
    learner_rows = _learner_activity(ids)
    for model in (FacilityCourseStat, FacilityMonthStat, TerminalMonthStat, FacilityRefresh):
        _only(model.objects.all(), "facility_id", ids).delete()
    # a moved learner's summary row belongs to the learner, wherever it was counted before
    LearnerActivity.objects.filter(
        Q(facility_id__in=facilities if ids is not None else [])
        | Q(learner_id__in=[r.learner_id for r in learner_rows])
        if ids is not None
        else Q()
    ).delete()
    FacilityCourseStat.objects.bulk_create(course_rows, batch_size=2000)
    FacilityMonthStat.objects.bulk_create(month_rows, batch_size=2000)
    TerminalMonthStat.objects.bulk_create(terminal_rows, batch_size=2000)
    LearnerActivity.objects.bulk_create(learner_rows, batch_size=2000)
    FacilityRefresh.objects.bulk_create([FacilityRefresh(facility_id=pk, refreshed_at=now) for pk in facilities])
    return len(facilities)
