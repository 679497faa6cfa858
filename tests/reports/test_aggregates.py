"""The report aggregates equal a from-scratch recount of the source tables.

The recount below is written independently of ``lms.reports.aggregates``: raw SQL over the source
tables, tallied in plain Python, following the definitions in the aggregates module's docstring.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from certificates.models import Certificate
from courses.models import Enrollment, LessonProgress
from courses.quizzes.models import QuizAttempt
from courses.selectors import course_lessons
from lms.accounts.models import User
from lms.labs.models import LabSession, LearnerSession, Terminal
from lms.reports import aggregates
from lms.reports.models import (
    FacilityCourseStat,
    FacilityMonthStat,
    LearnerActivity,
    StaleFacility,
    TerminalMonthStat,
)
from sandbox_shop.models import ListingStatusChange, PracticeListing
from store.order_models import Order
from store.workflow import order_cancel, order_complete, order_confirm, order_mark_paid, order_ship
from tests.factories import (
    AdminFactory,
    FacilityFactory,
    LearnerFactory,
    ListingFactory,
    RegionFactory,
    build_course,
    build_product,
    enrol,
    place_order,
    split_rule,
)
from tests.factories.content import build_quiz

# --- the independent recount -----------------------------------------------------------------------


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _aware(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value) or dt.datetime.combine(parse_date(value), dt.time())
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def _month(value) -> dt.date:
    value = _aware(value)
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    elif isinstance(value, str):
        value = parse_date(value)
    return dt.date(value.year, value.month, 1)


def _lesson_courses() -> dict[int, int]:
    pages = {pk: (path, live) for pk, path, live in _rows("SELECT id, path, live FROM wagtailcore_page")}
    courses = [(pages[pk][0], pk) for (pk,) in _rows("SELECT page_ptr_id FROM courses_coursepage")]
    modules = {pages[pk][0]: pages[pk][1] for (pk,) in _rows("SELECT page_ptr_id FROM courses_modulepage")}
    out = {}
    for (pk,) in _rows("SELECT page_ptr_id FROM courses_lessonpage"):
        path, live = pages[pk]
        if not live or not modules.get(path[:-4]):
            continue
        out[pk] = next(cid for cpath, cid in courses if path.startswith(cpath))
    return out


def recount() -> dict:
    learners = {
        pk: (facility, bool(active))
        for pk, facility, active in _rows(
            "SELECT id, facility_id, is_active FROM accounts_user WHERE role = %s", [User.Role.LEARNER]
        )
    }
    lesson_course = _lesson_courses()
    lessons_per_course = defaultdict(int)
    for course in lesson_course.values():
        lessons_per_course[course] += 1
    progress = _rows("SELECT learner_id, lesson_id, started_at, completed_at, last_seen_at FROM courses_lessonprogress")
    attempts = _rows("SELECT learner_id, quiz_id, lesson_id, score, passed, submitted_at FROM courses_quizattempt")
    enrolments = _rows("SELECT learner_id, course_id, enrolled_at, completed_at FROM courses_enrollment")
    valid_certs = _rows(
        "SELECT learner_id, course_id, facility_id, issued_on FROM certificates_certificate WHERE revoked_at IS NULL"
    )
    sessions = _rows(
        "SELECT learner_id, facility_id, terminal_id, started_at, last_seen_at, ended_at FROM labs_learnersession"
    )

    # per facility x course
    started_lessons, done_lessons = defaultdict(set), defaultdict(set)
    for learner, lesson, _s, completed, _l in progress:
        if lesson in lesson_course and learner in learners:
            started_lessons[(learner, lesson_course[lesson])].add(lesson)
            if completed is not None:
                done_lessons[(learner, lesson_course[lesson])].add(lesson)
    certified = {(learner, course) for learner, course, _f, _d in valid_certs}
    courses = defaultdict(lambda: defaultdict(Decimal))
    for learner, course, _at, completed in enrolments:
        if learner not in learners or learners[learner][0] is None:
            continue
        row = courses[(learners[learner][0], course)]
        total = lessons_per_course.get(course, 0)
        row["enrolled"] += 1
        row["started"] += bool(started_lessons[(learner, course)]) or completed is not None
        row["half_done"] += (total > 0 and 2 * len(done_lessons[(learner, course)]) >= total) or completed is not None
        row["completed"] += completed is not None
        row["certified"] += (learner, course) in certified
    for learner, _quiz, lesson, score, _passed, submitted in attempts:
        if submitted is None or score is None or lesson not in lesson_course or learner not in learners:
            continue
        row = courses[(learners[learner][0], lesson_course[lesson])]
        row["quiz_score_sum"] += Decimal(str(score))
        row["quiz_score_count"] += 1

    # per facility x month
    months = defaultdict(lambda: defaultdict(int))
    active = set()
    for learner, _lesson, started, completed, seen in progress:
        for when in (started, completed, seen):
            if when is not None and learner in learners:
                active.add((learners[learner][0], learner, _month(when)))
    for learner, *_rest, submitted in attempts:
        if submitted is not None and learner in learners:
            active.add((learners[learner][0], learner, _month(submitted)))
    for learner, _f, _t, started, _seen, _ended in sessions:
        if learner in learners:
            active.add((learners[learner][0], learner, _month(started)))
    for facility, _learner, month in active:
        months[(facility, month)]["active_learners"] += 1
    for facility, created in _rows("SELECT facility_id, created_at FROM store_order WHERE status <> 'cancelled'"):
        months[(facility, _month(created))]["orders"] += 1
    for facility, created, amount in _rows("SELECT facility_id, created_at, amount FROM store_sale"):
        months[(facility, _month(created))]["sales_amount"] += amount
    for facility, created, amount in _rows(
        "SELECT s.facility_id, s.created_at, p.amount FROM store_premiallocation p "
        "JOIN store_sale s ON s.id = p.sale_id"
    ):
        months[(facility, _month(created))]["premi_amount"] += amount
    states = {"submitted": "listings_submitted", "approved": "listings_approved", "promoted": "listings_promoted"}
    for facility, to_status, created in _rows(
        "SELECT l.facility_id, c.to_status, c.created_at FROM sandbox_shop_listingstatuschange c "
        "JOIN sandbox_shop_practicelisting l ON l.id = c.listing_id"
    ):
        if to_status in states:
            months[(facility, _month(created))][states[to_status]] += 1
    for _learner, _course, facility, issued in valid_certs:
        months[(facility, _month(issued))]["certificates"] += 1
    for facility, opened, planned, closed in _rows(
        "SELECT facility_id, opened_at, planned_end, closed_at FROM labs_labsession"
    ):
        row = months[(facility, _month(opened))]
        row["lab_sessions"] += 1
        row["lab_seconds"] += int(((_aware(closed) or _aware(planned)) - _aware(opened)).total_seconds())

    terminals = defaultdict(lambda: [0, 0])
    for _learner, facility, terminal, started, seen, ended in sessions:
        row = terminals[(facility, terminal, _month(started))]
        row[0] += 1
        row[1] += int(((_aware(ended) or _aware(seen)) - _aware(started)).total_seconds())

    # per learner
    people = {}
    for pk, (facility, is_active) in learners.items():
        if is_active and facility is not None:
            people[pk] = {"facility": facility, "last": None, "first": None, "enrolled": 0, "completed": 0}

    def later(pk, when):
        if pk in people and when is not None:
            when = _aware(when)
            if people[pk]["last"] is None or when > people[pk]["last"]:
                people[pk]["last"] = when

    for learner, _lesson, started, completed, seen in progress:
        for when in (started, completed, seen):
            later(learner, when)
    for learner, *_rest, submitted in attempts:
        later(learner, submitted)
    for learner, _f, _t, started, _seen, _ended in sessions:
        later(learner, started)
    for learner, _course, enrolled, completed in enrolments:
        if learner in people:
            people[learner]["enrolled"] += 1
            people[learner]["completed"] += completed is not None
            enrolled = _aware(enrolled)
            if people[learner]["first"] is None or enrolled < people[learner]["first"]:
                people[learner]["first"] = enrolled
    tries = defaultdict(lambda: [0, 0])
    for learner, quiz, _lesson, _score, passed, submitted in attempts:
        if submitted is not None:
            tries[(learner, quiz)][0 if passed else 1] += 1
    failing = defaultdict(int)
    for (learner, _quiz), (passed, failed) in tries.items():
        if passed == 0 and failed >= 2:
            failing[learner] += 1
    return {
        "courses": {key: {name: value for name, value in row.items()} for key, row in courses.items()},
        "months": {key: dict(row) for key, row in months.items()},
        "terminals": {key: tuple(row) for key, row in terminals.items()},
        "learners": {
            pk: (p["facility"], p["last"], p["first"], p["enrolled"], p["completed"], failing[pk])
            for pk, p in people.items()
        },
    }


def tables() -> dict:
    course_fields = ("enrolled", "started", "half_done", "completed", "certified", "quiz_score_sum", "quiz_score_count")
    month_fields = [f.name for f in FacilityMonthStat._meta.fields if f.name not in ("id", "facility", "month")]
    return {
        "courses": {
            (r.facility_id, r.course_id): {n: getattr(r, n) for n in course_fields}
            for r in FacilityCourseStat.objects.all()
        },
        "months": {
            (r.facility_id, r.month): {n: getattr(r, n) for n in month_fields} for r in FacilityMonthStat.objects.all()
        },
        "terminals": {
            (r.facility_id, r.terminal_id, r.month): (r.sessions, r.seconds) for r in TerminalMonthStat.objects.all()
        },
        "learners": {
            r.learner_id: (
                r.facility_id,
                r.last_activity_at,
                r.first_enrolled_at,
                r.courses_enrolled,
                r.courses_completed,
                r.failing_quizzes,
            )
            for r in LearnerActivity.objects.all()
        },
    }


def _without_zeros(figures: dict) -> dict:
    """The recount only has keys it met; the tables may hold zero fields. Compare non-zero figures."""
    out = {}
    for part, rows in figures.items():
        if part in ("courses", "months"):
            out[part] = {k: {n: v for n, v in row.items() if v} for k, row in rows.items()}
            out[part] = {k: row for k, row in out[part].items() if row}
        else:
            out[part] = rows
    return out


def assert_tables_match_recount():
    assert _without_zeros(tables()) == _without_zeros(recount())


# --- the world -------------------------------------------------------------------------------------


@pytest.fixture
def world():
    region = RegionFactory()
    a, b = FacilityFactory(region=region), FacilityFactory(region=region)
    admin = AdminFactory(facility=a)
    course = build_course(lessons=4, title="Jualan Online")
    other_course = build_course(lessons=2, title="Menjahit")
    lessons = course_lessons(course)
    quiz = build_quiz()
    learners = [LearnerFactory(facility=a) for _ in range(4)] + [LearnerFactory(facility=b) for _ in range(2)]
    return locals()


def _mixed_writes(w):
    now = timezone.now()
    a, lessons, quiz, learners = w["a"], w["lessons"], w["quiz"], w["learners"]
    for person in learners:
        enrol(person, w["course"])
    enrol(learners[0], w["other_course"])
    # progress: learner 0 finishes everything, 1 half, 2 one lesson started, 3 nothing
    for lesson in lessons:
        LessonProgress.objects.create(learner=learners[0], lesson=lesson, completed_at=now, last_seen_at=now)
    for lesson in lessons[:2]:
        LessonProgress.objects.create(learner=learners[1], lesson=lesson, completed_at=now)
    LessonProgress.objects.create(learner=learners[2], lesson=lessons[0])
    LessonProgress.objects.create(learner=learners[4], lesson=lessons[1], completed_at=now)
    Enrollment.objects.filter(learner=learners[0], course=w["course"]).update(completed_at=now)
    Enrollment.objects.get(learner=learners[0], course=w["course"]).save()  # the signalled path
    # an old enrolment of learner 3, never started: at risk
    Enrollment.objects.filter(learner=learners[3]).update(enrolled_at=now - dt.timedelta(days=30))
    # quizzes: learner 1 fails twice (failing), learner 2 fails then passes
    for person, score, passed in [
        (learners[1], 20, False),
        (learners[1], 40, False),
        (learners[2], 30, False),
        (learners[2], 90, True),
        (learners[4], 75, True),
    ]:
        QuizAttempt.objects.create(
            learner=person, quiz=quiz, lesson=lessons[0], score=Decimal(score), passed=passed, submitted_at=now
        )
    QuizAttempt.objects.create(learner=learners[0], quiz=quiz, lesson=lessons[0])  # still open: not counted
    # a certificate (valid) and a revoked one
    for person, revoked in [(learners[0], None), (learners[4], now)]:
        Certificate.objects.create(
            serial=f"S-{person.pk}",
            learner=person,
            course=w["course"],
            facility=person.facility,
            learner_name="x",
            course_title="x",
            facility_name="x",
            issued_on=timezone.localdate(),
            verification_code="v",
            revoked_at=revoked,
        )
    # listings and their moves
    listing = ListingFactory(learner=learners[0], status=PracticeListing.Status.APPROVED)
    for frm, to in [
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "approved"),
        ("approved", "promoted"),
    ]:
        ListingStatusChange.objects.create(listing=listing, from_status=frm, to_status=to)
    # the store: one order completed (sale + premi), one cancelled, one new
    split_rule(a)
    product = build_product(a, makers=[(learners[0], 1), (learners[1], 1)], stock=20)
    admin = w["admin"]
    done = place_order(product, quantity=2)
    for move in (order_confirm, order_mark_paid):
        done = move(actor=admin, order=Order.objects.get(pk=done.pk))
    done = order_ship(actor=admin, order=done, courier="JNE", receipt_number="JNE123")
    order_complete(actor=admin, order=Order.objects.get(pk=done.pk))
    cancelled = place_order(product)
    order_cancel(actor=admin, order=cancelled, comment="Pembeli membatalkan.")
    place_order(product)
    # the lab: a closed session and learner sign-ins on two terminals (and one without)
    t1 = Terminal.objects.create(facility=a, name="PC-01", registered_by=admin)
    t2 = Terminal.objects.create(facility=a, name="PC-02", registered_by=admin)
    LabSession.objects.create(
        facility=a,
        opened_by=admin,
        opened_at=now - dt.timedelta(hours=3),
        planned_end=now - dt.timedelta(hours=1),
        closed_at=now - dt.timedelta(hours=2),
    )
    for person, terminal, minutes in [
        (learners[0], t1, 50),
        (learners[1], t1, 30),
        (learners[2], t2, 20),
        (learners[4], None, 10),
    ]:
        LearnerSession.objects.create(
            learner=person,
            facility=person.facility,
            terminal=terminal,
            started_at=now - dt.timedelta(minutes=minutes + 5),
            last_seen_at=now - dt.timedelta(minutes=5),
            ended_at=now,
        )


@pytest.mark.django_db
def test_writes_mark_their_facility_stale_and_refresh_matches_a_recount(world):
    _mixed_writes(world)
    assert set(StaleFacility.objects.values_list("facility_id", flat=True)) == {world["a"].pk, world["b"].pk}

    refreshed = aggregates.refresh()

    assert refreshed == sorted([world["a"].pk, world["b"].pk])
    assert not StaleFacility.objects.exists()
    assert_tables_match_recount()
    stat = FacilityCourseStat.objects.get(facility=world["a"], course=world["course"])
    assert (stat.enrolled, stat.started, stat.half_done, stat.completed, stat.certified) == (4, 3, 2, 1, 1)
    month = FacilityMonthStat.objects.get(facility=world["a"], month=timezone.localdate().replace(day=1))
    assert (month.orders, month.listings_submitted, month.listings_approved, month.listings_promoted) == (2, 2, 1, 1)
    assert month.sales_amount == 100000 and month.premi_amount == 50000
    assert aggregates.refresh() == []  # nothing new: a no-op


@pytest.mark.django_db
def test_later_writes_refresh_only_their_facility(world):
    _mixed_writes(world)
    aggregates.refresh()
    learner = world["learners"][4]  # of facility B
    LessonProgress.objects.create(learner=learner, lesson=world["lessons"][0], completed_at=timezone.now())
    Certificate.objects.filter(learner=learner).delete()

    assert aggregates.refresh() == [world["b"].pk]
    assert_tables_match_recount()


@pytest.mark.django_db
def test_a_transfer_moves_the_learner_figures(world):
    _mixed_writes(world)
    aggregates.refresh()
    mover = world["learners"][1]
    mover.facility = world["b"]
    mover.save()  # marks B; the transfer service also writes a TransferRecord, which marks A:
    aggregates.mark_facility_stale(world["a"].pk)

    aggregates.refresh()

    assert_tables_match_recount()
    assert LearnerActivity.objects.get(learner=mover).facility_id == world["b"].pk


@pytest.mark.django_db
def test_rebuild_twice_gives_the_same_tables(world):
    _mixed_writes(world)
    aggregates.rebuild()
    first = tables()
    aggregates.rebuild()
    assert tables() == first
    aggregates.rebuild([world["a"].pk])
    assert tables() == first
    assert_tables_match_recount()


@pytest.mark.django_db
def test_rebuild_of_one_facility_leaves_the_others(world):
    _mixed_writes(world)
    aggregates.rebuild()
    before_b = {k: v for k, v in tables()["months"].items() if k[0] == world["b"].pk}
    FacilityMonthStat.objects.filter(facility=world["a"]).delete()  # damage A only

    aggregates.rebuild([world["a"].pk])

    assert_tables_match_recount()
    assert {k: v for k, v in tables()["months"].items() if k[0] == world["b"].pk} == before_b


@pytest.mark.django_db
def test_management_command_rebuilds_and_refuses_unknown_codes(world):
    from django.core.management import CommandError, call_command

    _mixed_writes(world)
    call_command("reports_rebuild", "--facility", world["a"].code)
    assert FacilityCourseStat.objects.filter(facility=world["a"]).exists()
    assert not FacilityCourseStat.objects.filter(facility=world["b"]).exists()
    with pytest.raises(CommandError):
        call_command("reports_rebuild", "--facility", "NOPE")
    call_command("reports_rebuild")
    assert_tables_match_recount()


@pytest.mark.django_db
def test_beat_task_refreshes_stale_facilities(world, settings):
    from lms.reports.tasks import refresh

    assert settings.CELERY_BEAT_SCHEDULE["reports-refresh"]["task"] == refresh.name == "reports.refresh"
    _mixed_writes(world)
    assert refresh.delay().get() == 2
    assert refresh.delay().get() == 0
    assert_tables_match_recount()


@pytest.mark.django_db
def test_a_flagged_facility_is_marked_again_after_a_refresh(world, django_capture_on_commit_callbacks):
    aggregates.refresh()  # the world's own writes
    learner = world["learners"][4]
    with django_capture_on_commit_callbacks(execute=True):
        enrol(learner, world["course"])
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        LessonProgress.objects.create(learner=learner, lesson=world["lessons"][0])
    assert not any("stalefacility" in q["sql"] for q in ctx.captured_queries)  # flagged: no second insert
    assert aggregates.refresh() == [world["b"].pk]

    with django_capture_on_commit_callbacks(execute=True):
        LessonProgress.objects.create(learner=learner, lesson=world["lessons"][1], completed_at=timezone.now())

    assert list(StaleFacility.objects.values_list("facility_id", flat=True)) == [world["b"].pk]
    aggregates.refresh()
    assert_tables_match_recount()


@pytest.mark.django_db
def test_a_heartbeat_marks_the_learner_facility_stale(world):
    """The heartbeat moves ``last_seen_at`` with a bulk update; its own signal still marks the facility."""
    from courses.services import lesson_heartbeat

    learner = world["learners"][4]  # of facility B
    enrol(learner, world["course"])
    lesson = world["lessons"][0]
    LessonProgress.objects.create(learner=learner, lesson=lesson, last_seen_at=timezone.now() - dt.timedelta(days=20))
    aggregates.refresh()
    aggregates.cache.clear()  # the one-minute "already marked" flags

    assert lesson_heartbeat(learner=learner, lesson=lesson, start=True) == 0

    assert list(StaleFacility.objects.values_list("facility_id", flat=True)) == [world["b"].pk]
    aggregates.refresh()
    assert_tables_match_recount()
    assert LearnerActivity.objects.get(learner=learner).last_activity_at > timezone.now() - dt.timedelta(minutes=1)
