"""Reads for instructors: a cohort's progress grid, the learners who need help, one learner's learning.

Every function takes people and cohorts the caller already scoped (``permissions`` /
``cohorts_visible_to``) and runs a constant number of queries whatever the number of learners and
lessons: the grid is one ``course_outlines`` call (lessons, progress rows, quizzes, attempts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrollment, LessonPage
from courses.quizzes.models import QuizAttempt
from courses.selectors import CourseOutline, course_lessons, course_outlines
from lms.accounts.models import Cohort, User

INACTIVE_AFTER = timedelta(days=7)
FAILED_QUIZ_LIMIT = 2


@dataclass
class GridRow:
    learner: User
    outline: CourseOutline


@dataclass
class ProgressGrid:
    cohort: Cohort
    course: CoursePage
    lessons: list[LessonPage]
    rows: list[GridRow] = field(default_factory=list)


def cohort_progress_grid(*, cohort: Cohort, course: CoursePage, learners: QuerySet[User]) -> ProgressGrid:
    """Learners × lessons of ``course`` for the (already scoped) ``learners`` of ``cohort``."""
    people = list(learners.filter(cohorts=cohort).order_by("full_name", "registration_number").distinct())
    lessons = list(course_lessons(course))
    outlines = course_outlines(course=course, learners=people, lessons=lessons)
    return ProgressGrid(
        cohort=cohort,
        course=course,
        lessons=lessons,
        rows=[GridRow(learner=person, outline=outlines[person.pk]) for person in people],
    )


def _csv_safe(value) -> str:
    """A spreadsheet cell that cannot run as a formula (=, +, -, @, tab or CR first: quoted)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _state_text(item) -> str:
    return {"completed": _("completed"), "started": _("started"), "not_started": _("not started")}[item.state]


def _scores(item) -> str:
    return " ".join(
        f"{result.score:.0f}%" if result and result.score is not None else "–" for _ref, result in item.quizzes
    )


def progress_grid_rows(grid: ProgressGrid) -> list[list[str]]:
    """The grid as CSV rows: one line per learner, a state and a quiz-score column per lesson."""
    header = [_("Registration number"), _("Name"), _("Progress (%)"), _("Time on task (minutes)")]
    for lesson in grid.lessons:
        header += [lesson.title, _("Quiz score: %(lesson)s") % {"lesson": lesson.title}]
    rows = [header]
    for row in grid.rows:
        line = [
            row.learner.registration_number,
            row.learner.full_name,
            row.outline.percent,
            round(row.outline.seconds_on_task / 60),
        ]
        for item in row.outline.items:
            line += [_state_text(item), _scores(item)]
        rows.append(line)
    return [[_csv_safe(cell) for cell in line] for line in rows]


@dataclass
class HelpEntry:
    learner: User
    reasons: list[str]
    last_activity: datetime | None


def _last_activity(outline: CourseOutline) -> datetime | None:
    times = [t for item in outline.items for t in (item.last_seen_at, item.completed_at, item.started_at) if t]
    times += [
        result.counted.submitted_at
        for item in outline.items
        for _ref, result in item.quizzes
        if result and result.counted
    ]
    return max(times, default=None)


def cohort_needing_help(*, cohort: Cohort, learners: QuerySet[User], now: datetime | None = None) -> list[HelpEntry]:
    """Learners of ``cohort`` who are stuck or inactive, each with the reasons in words.

    Inactive: nothing done in any of the cohort's courses for 7 days or more (or never, once
    enrolled for 7 days). Stuck: failed a required quiz at least twice without passing it, or
    started a course and finished no lesson of it in the last 7 days.
    """
    now = now or timezone.now()
    since = now - INACTIVE_AFTER
    people = list(learners.filter(cohorts=cohort, is_active=True).order_by("full_name").distinct())
    courses = list(cohort.courses.live().order_by("title"))
    enrolled = {
        (e.learner_id, e.course_id): e
        for e in Enrollment.objects.filter(learner__in=[p.pk for p in people], course__in=[c.pk for c in courses])
    }
    per_course = {course.pk: course_outlines(course=course, learners=people) for course in courses}
    entries = []
    for person in people:
        reasons: list[str] = []
        last: datetime | None = None
        oldest_enrolment: datetime | None = None
        for course in courses:
            enrollment = enrolled.get((person.pk, course.pk))
            if enrollment is None:
                continue
            oldest_enrolment = min(filter(None, [oldest_enrolment, enrollment.enrolled_at]))
            outline = per_course[course.pk][person.pk]
            course_last = _last_activity(outline)
            last = max(filter(None, [last, course_last]), default=None)
            for item in outline.items:
                for ref, result in item.quizzes:
                    if ref.required and result and not result.passed and result.failed >= FAILED_QUIZ_LIMIT:
                        reasons.append(
                            _("Failed a required quiz in “%(lesson)s” %(n)s times.")
                            % {"lesson": item.lesson.title, "n": result.failed}
                        )
            if outline.started and not outline.is_complete and enrollment.completed_at is None:
                first_start = min((item.started_at for item in outline.items if item.started_at), default=None)
                last_done = max((item.completed_at for item in outline.items if item.completed_at), default=None)
                if first_start is not None and first_start <= since and (last_done is None or last_done <= since):
                    reasons.append(
                        _("Started “%(course)s” but finished no lesson of it in 7 days.") % {"course": course.title}
                    )
        if oldest_enrolment is None:
            continue
        if last is None and oldest_enrolment <= since:
            reasons.insert(0, _("Has not started any course yet."))
        elif last is not None and last <= since:
            reasons.insert(0, _("No activity for 7 days or more."))
        if reasons:
            entries.append(HelpEntry(learner=person, reasons=reasons, last_activity=last))
    return entries


@dataclass
class LearnerCourse:
    enrollment: Enrollment
    outline: CourseOutline
    attempts: list[QuizAttempt]


def learner_learning(*, learner: User) -> list[LearnerCourse]:
    """Each course of ``learner``: lessons with time on task, and every quiz attempt (all kept)."""
    enrollments = list(Enrollment.objects.filter(learner=learner).select_related("course").order_by("enrolled_at"))
    attempts = list(
        QuizAttempt.objects.filter(learner=learner, submitted_at__isnull=False)
        .select_related("quiz", "lesson")
        .order_by("submitted_at")
    )
    out = []
    for enrollment in enrollments:
        course = enrollment.course
        outline = course_outlines(course=course, learners=[learner])[learner.pk]
        lesson_ids = {item.lesson.pk for item in outline.items}
        out.append(
            LearnerCourse(
                enrollment=enrollment,
                outline=outline,
                attempts=[a for a in attempts if a.lesson_id in lesson_ids],
            )
        )
    return out
