"""Reads for the facility and regional dashboards: only the aggregate tables, never raw rows.

Each dashboard is a fixed number of queries over ``lms.reports.models`` whatever the number of
learners, progress rows or orders, and every figure comes as a :class:`Table` so the page, the
CSV/XLSX exports and the monthly PDF show the same numbers. Querysets arrive scoped by the caller
(``permissions.scope``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Facility

from . import charts
from .models import FacilityCourseStat, FacilityMonthStat, FacilityRefresh, LearnerActivity, TerminalMonthStat

AT_RISK_AFTER = timedelta(days=14)
AT_RISK_SHOWN = 100
TREND_MONTHS = 12


@dataclass
class Table:
    name: str  # the ``table=`` of the export links
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    footer: list | None = None  # totals, exported as the last row

    def all_rows(self) -> list[list]:
        return self.rows + ([self.footer] if self.footer else [])


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def months_back(month: date, n: int) -> list[date]:
    """``n`` month starts ending with ``month``, oldest first."""
    out, year, mon = [], month.year, month.month
    for _i in range(n):
        out.append(date(year, mon, 1))
        year, mon = (year, mon - 1) if mon > 1 else (year - 1, 12)
    return out[::-1]


def week_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    monday = local - timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def at_risk_filter(now: datetime) -> Q:
    """Active learners with an unfinished course who did nothing for 14 days (or never started
    within 14 days of enrolling), or who keep failing a quiz."""
    cutoff = now - AT_RISK_AFTER
    open_course = Q(courses_completed__lt=F("courses_enrolled"))
    idle = Q(last_activity_at__lt=cutoff) | Q(last_activity_at__isnull=True, first_enrolled_at__lt=cutoff)
    return open_course & (idle | Q(failing_quizzes__gt=0))


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _hours(seconds: int) -> float:
    return round(seconds / 3600, 1)


MONTH_FIELDS = (
    "active_learners",
    "orders",
    "sales_amount",
    "premi_amount",
    "listings_submitted",
    "listings_approved",
    "listings_promoted",
    "certificates",
    "lab_sessions",
    "lab_seconds",
)


def _month_headers() -> list[str]:
    return [
        _("Active learners"),
        _("Orders"),
        _("Sales (Rp)"),
        _("Premi paid (Rp)"),
        _("Listings submitted"),
        _("Listings approved"),
        _("Listings promoted"),
        _("Certificates issued"),
        _("Lab sessions"),
        _("Lab hours"),
    ]


def _month_cells(values: dict) -> list:
    cells = [values.get(name) or 0 for name in MONTH_FIELDS]
    cells[-1] = _hours(cells[-1])
    return cells


@dataclass
class FacilityDashboard:
    facility: Facility
    month: date
    refreshed_at: datetime | None
    headline: dict
    tables: dict[str, Table]
    charts: dict[str, str]
    at_risk_total: int


def facility_dashboard(
    *,
    facility: Facility,
    month: date,
    course_stats: QuerySet[FacilityCourseStat],
    month_stats: QuerySet[FacilityMonthStat],
    terminal_stats: QuerySet[TerminalMonthStat],
    learner_activity: QuerySet[LearnerActivity],
    at_risk_visible: QuerySet[LearnerActivity],
    now: datetime | None = None,
) -> FacilityDashboard:
    """One facility's figures for ``month``; the querysets come scoped to the viewer. Counts are the
    facility's (``learner_activity``); the named at-risk list is ``at_risk_visible`` (instructors:
    only the learners they teach)."""
    now = now or timezone.now()
    months = months_back(month, TREND_MONTHS)
    refreshed = FacilityRefresh.objects.filter(facility=facility).values_list("refreshed_at", flat=True).first()
    courses = list(course_stats.filter(facility=facility).select_related("course").order_by("course__title"))
    by_month = {row.month: row for row in month_stats.filter(facility=facility, month__gte=months[0], month__lte=month)}
    terminals = list(
        terminal_stats.filter(facility=facility, month=month).select_related("terminal").order_by("terminal__name")
    )
    activity = learner_activity.filter(facility=facility)
    counts = activity.aggregate(
        enrolled=Count("pk", filter=Q(courses_enrolled__gt=0)),
        active_week=Count("pk", filter=Q(last_activity_at__gte=week_start(now))),
        at_risk=Count("pk", filter=at_risk_filter(now)),
    )
    risky = list(
        at_risk_visible.filter(facility=facility)
        .filter(at_risk_filter(now))
        .select_related("learner")
        .order_by(F("last_activity_at").asc(nulls_first=True), "learner__full_name")[:AT_RISK_SHOWN]
    )
    this_month = by_month.get(month)
    current = {name: getattr(this_month, name, 0) for name in MONTH_FIELDS}

    funnel = Table(
        "courses",
        _("Courses: funnel, completion and quiz scores"),
        [
            _("Course"),
            _("Enrolled"),
            _("Started"),
            _("Half done"),
            _("Completed"),
            _("Certified"),
            _("Completion rate (%)"),
            _("Average quiz score (%)"),
        ],
    )
    totals = [0] * 5
    score_sum, score_n = 0.0, 0
    for stat in courses:
        figures = [stat.enrolled, stat.started, stat.half_done, stat.completed, stat.certified]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        score_sum += float(stat.quiz_score_sum)
        score_n += stat.quiz_score_count
        average = stat.average_score
        funnel.rows.append(
            [stat.course.title, *figures, _pct(stat.completed, stat.enrolled), round(average, 1) if average else ""]
        )
    funnel.footer = [
        _("Total"),
        *totals,
        _pct(totals[3], totals[0]),
        round(score_sum / score_n, 1) if score_n else "",
    ]

    trend = Table("months", _("Month by month"), [_("Month"), *_month_headers()])
    for m in months:
        row = by_month.get(m)
        trend.rows.append([m.strftime("%Y-%m"), *_month_cells({n: getattr(row, n, 0) for n in MONTH_FIELDS})])

    lab = Table("terminals", _("Lab use per terminal this month"), [_("Terminal"), _("Sessions"), _("Hours")])
    for stat in terminals:
        name = stat.terminal.name if stat.terminal else _("No registered terminal")
        lab.rows.append([name, stat.sessions, _hours(stat.seconds)])
    lab.footer = [_("Total"), sum(s.sessions for s in terminals), _hours(sum(s.seconds for s in terminals))]

    risk = Table(
        "at_risk",
        _("Learners at risk"),
        [_("Registration number"), _("Name"), _("Last activity"), _("Quizzes failed"), _("Courses open")],
    )
    for entry in risky:
        last = timezone.localtime(entry.last_activity_at).strftime("%Y-%m-%d") if entry.last_activity_at else _("never")
        risk.rows.append(
            [
                entry.learner.registration_number,
                entry.learner.full_name or entry.learner.display_name,
                last,
                entry.failing_quizzes,
                entry.courses_enrolled - entry.courses_completed,
            ]
        )

    headline = {
        "enrolled": counts["enrolled"],
        "active_week": counts["active_week"],
        **current,
        "lab_hours": _hours(current["lab_seconds"]),
    }
    summary = Table(
        "summary",
        _("This month at a glance"),
        [_("Figure"), _("Value")],
        [
            [_("Learners enrolled"), counts["enrolled"]],
            [_("Active this week"), counts["active_week"]],
            *[[h, v] for h, v in zip(_month_headers(), _month_cells(current), strict=True)],
            [_("Learners at risk"), counts["at_risk"]],
        ],
    )
    chart_set = {
        "completion": charts.bar_chart(
            title=_("Completion rate per course (%)"),
            items=[(row[0], row[6]) for row in funnel.rows],
            maximum=100,
            unit="%",
        ),
        "funnel": charts.bar_chart(
            title=_("Course funnel, all courses"),
            items=list(zip(funnel.headers[1:6], totals, strict=True)),
        ),
        "sales": charts.line_chart(
            title=_("Sales per month (Rp)"),
            points=[(row[0], row[3]) for row in trend.rows],
        ),
        "active": charts.line_chart(
            title=_("Active learners per month"),
            points=[(row[0], row[1]) for row in trend.rows],
        ),
        "terminals": charts.bar_chart(
            title=_("Lab hours per terminal this month"), items=[(row[0], row[2]) for row in lab.rows]
        ),
    }
    return FacilityDashboard(
        facility=facility,
        month=month,
        refreshed_at=refreshed,
        headline=headline,
        tables={t.name: t for t in (summary, funnel, trend, lab, risk)},
        charts=chart_set,
        at_risk_total=counts["at_risk"],
    )


@dataclass
class RegionDashboard:
    month: date
    facilities: list[Facility]
    refreshed_at: datetime | None
    tables: dict[str, Table]
    charts: dict[str, str]


def region_dashboard(
    *,
    facilities: QuerySet[Facility],
    month: date,
    course_stats: QuerySet[FacilityCourseStat],
    month_stats: QuerySet[FacilityMonthStat],
    learner_activity: QuerySet[LearnerActivity],
    now: datetime | None = None,
) -> RegionDashboard:
    """The facilities side by side for ``month``, with totals, a ranking and the trend over months."""
    now = now or timezone.now()
    months = months_back(month, TREND_MONTHS)
    places = list(facilities.order_by("code"))
    ids = [f.pk for f in places]
    refreshed = FacilityRefresh.objects.filter(facility_id__in=ids).order_by("refreshed_at").first()
    courses = {
        row["facility_id"]: row
        for row in course_stats.filter(facility_id__in=ids)
        .values("facility_id")
        .annotate(
            enrolled=Sum("enrolled"),
            completed=Sum("completed"),
            certified=Sum("certified"),
            score_sum=Sum("quiz_score_sum"),
            score_n=Sum("quiz_score_count"),
        )
    }
    learners = {
        row["facility_id"]: row
        for row in learner_activity.filter(facility_id__in=ids)
        .values("facility_id")
        .annotate(
            enrolled=Count("pk", filter=Q(courses_enrolled__gt=0)),
            active_week=Count("pk", filter=Q(last_activity_at__gte=week_start(now))),
            at_risk=Count("pk", filter=at_risk_filter(now)),
        )
    }
    this_month = {row.facility_id: row for row in month_stats.filter(facility_id__in=ids, month=month)}
    trend_rows = {
        row["month"]: row
        for row in month_stats.filter(facility_id__in=ids, month__gte=months[0], month__lte=month)
        .values("month")
        .annotate(**{name: Sum(name) for name in MONTH_FIELDS})
    }

    side = Table(
        "facilities",
        _("Facilities side by side"),
        [
            _("Facility"),
            _("Learners enrolled"),
            _("Active this week"),
            _("Learners at risk"),
            _("Enrolments"),
            _("Courses completed"),
            _("Completion rate (%)"),
            _("Average quiz score (%)"),
            *_month_headers(),
        ],
    )
    totals = [0] * (len(side.headers) - 1)
    score_sum, score_n = 0.0, 0
    ranking = []
    for place in places:
        c = courses.get(place.pk, {})
        lrn = learners.get(place.pk, {})
        m = this_month.get(place.pk)
        enrolments, completed = c.get("enrolled") or 0, c.get("completed") or 0
        s_sum, s_n = float(c.get("score_sum") or 0), c.get("score_n") or 0
        score_sum, score_n = score_sum + s_sum, score_n + s_n
        cells = [
            lrn.get("enrolled") or 0,
            lrn.get("active_week") or 0,
            lrn.get("at_risk") or 0,
            enrolments,
            completed,
            _pct(completed, enrolments),
            round(s_sum / s_n, 1) if s_n else "",
            *_month_cells({n: getattr(m, n, 0) for n in MONTH_FIELDS}),
        ]
        side.rows.append([f"{place.code} · {place.name}", *cells])
        totals = [t + (v if isinstance(v, int | float) else 0) for t, v in zip(totals, cells, strict=True)]
        ranking.append((place, _pct(completed, enrolments), getattr(m, "sales_amount", 0), completed))
    totals[5] = _pct(totals[4], totals[3])
    totals[6] = round(score_sum / score_n, 1) if score_n else ""
    totals[-1] = round(totals[-1], 1)
    side.footer = [_("Total"), *totals]

    rank = Table(
        "ranking",
        _("Ranking by completion rate"),
        [_("Rank"), _("Facility"), _("Completion rate (%)"), _("Courses completed"), _("Sales this month (Rp)")],
    )
    ranking.sort(key=lambda item: (-item[1], -item[3], -item[2], item[0].code))
    for n, (place, rate, sales, completed) in enumerate(ranking, start=1):
        rank.rows.append([n, f"{place.code} · {place.name}", rate, completed, sales])

    trend = Table("months", _("The region month by month"), [_("Month"), *_month_headers()])
    for mo in months:
        trend.rows.append([mo.strftime("%Y-%m"), *_month_cells(trend_rows.get(mo, {}))])

    chart_set = {
        "completion": charts.bar_chart(
            title=_("Completion rate per facility (%)"),
            items=[(row[1].split(" · ")[0], row[2]) for row in rank.rows],
            maximum=100,
            unit="%",
        ),
        "sales": charts.bar_chart(
            title=_("Sales this month per facility (Rp)"),
            items=[(row[0].split(" · ")[0], row[10]) for row in side.rows],
        ),
        "trend_sales": charts.line_chart(
            title=_("Region sales per month (Rp)"), points=[(row[0], row[3]) for row in trend.rows]
        ),
        "trend_active": charts.line_chart(
            title=_("Region active learners per month"), points=[(row[0], row[1]) for row in trend.rows]
        ),
    }
    return RegionDashboard(
        month=month,
        facilities=places,
        refreshed_at=refreshed.refreshed_at if refreshed else None,
        tables={t.name: t for t in (side, rank, trend)},
        charts=chart_set,
    )
