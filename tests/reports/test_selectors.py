from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrollment, LessonPage, LessonProgress
from courses.quizzes.services import quiz_attempt_start, quiz_attempt_submit
from courses.selectors import course_lessons
from courses.services import lesson_complete
from lms.accounts import permissions
from lms.accounts.models import Cohort
from lms.reports.selectors import cohort_needing_help, cohort_progress_grid, progress_grid_rows
from tests.factories import InstructorFactory, LearnerFactory, build_course
from tests.factories.content import build_quiz
from tests.factories.learning import quiz_answers


def cohort_with(n: int, course):
    first = LearnerFactory()
    learners = [first] + [LearnerFactory(facility=first.facility) for _ in range(n - 1)]
    instructor = InstructorFactory(facility=first.facility, cohort_learners=learners)
    cohort = Cohort.objects.get(instructors=instructor)
    cohort.courses.add(course)
    for learner in learners:
        Enrollment.objects.create(learner=learner, course=course)
    return instructor, cohort, learners


def add_quiz(lesson: LessonPage, quiz):
    lesson.body.append(("quiz", {"quiz": quiz, "required": True}))
    lesson.save_revision().publish()


def grid_queries(instructor, cohort, course) -> int:
    learners = permissions.learners_visible_to(instructor)
    with CaptureQueriesContext(connection) as ctx:
        grid = cohort_progress_grid(cohort=cohort, course=course, learners=learners)
        progress_grid_rows(grid)
    return len(ctx.captured_queries), grid


@pytest.mark.django_db
def test_grid_runs_the_same_number_of_queries_for_3_and_40_learners():
    course = build_course(lessons=4)
    quiz = build_quiz()
    add_quiz(course_lessons(course)[1], quiz)
    small = cohort_with(3, course)
    big = cohort_with(40, course)
    for _instructor, _cohort, learners in (small, big):
        for learner in learners:
            lesson_complete(learner=learner, lesson=course_lessons(course)[0])
    few, _grid_small = grid_queries(*small[:2], course)
    many, grid_big = grid_queries(*big[:2], course)
    assert few == many
    assert len(grid_big.rows) == 40 and len(grid_big.lessons) == 4
    assert {row.outline.items[0].state for row in grid_big.rows} == {"completed"}


@pytest.mark.django_db
def test_grid_shows_states_and_quiz_scores_and_the_csv_is_safe():
    course = build_course(lessons=2)
    lessons = list(course_lessons(course))
    quiz = build_quiz()
    add_quiz(lessons[1], quiz)
    instructor, cohort, learners = cohort_with(2, course)
    learners[0].full_name = '=HYPERLINK("http://x")'
    learners[0].save()
    lesson_complete(learner=learners[0], lesson=lessons[0])
    lessons[1].refresh_from_db()
    attempt = quiz_attempt_start(learner=learners[0], quiz=quiz, lesson=lessons[1])
    quiz_attempt_submit(learner=learners[0], token=attempt.token, data=quiz_answers(quiz), lesson=lessons[1])
    _n, grid = grid_queries(instructor, cohort, course)
    row = next(r for r in grid.rows if r.learner == learners[0])
    assert [item.state for item in row.outline.items] == ["completed", "started"]
    assert row.outline.items[1].quizzes[0][1].score == 100
    rows = progress_grid_rows(grid)
    line = next(r for r in rows if r[0] == learners[0].registration_number)
    assert line[1] == '\'=HYPERLINK("http://x")'
    assert "100%" in line


@pytest.mark.django_db
def test_instructors_grid_only_lists_learners_they_may_see():
    course = build_course(lessons=1)
    _instructor, cohort, _learners = cohort_with(2, course)
    outsider_instructor = InstructorFactory(facility=cohort.facility)
    grid = cohort_progress_grid(
        cohort=cohort, course=course, learners=permissions.learners_visible_to(outsider_instructor)
    )
    assert grid.rows == []


@pytest.mark.django_db
def test_needing_help_lists_inactive_stuck_and_failing_learners():
    course = build_course(lessons=3)
    lessons = list(course_lessons(course))
    quiz = build_quiz()
    add_quiz(lessons[2], quiz)
    instructor, cohort, learners = cohort_with(4, course)
    active, idle, failing, never = learners
    old = timezone.now() - timedelta(days=9)
    Enrollment.objects.update(enrolled_at=old)
    lessons[2].refresh_from_db()
    # active: completed a lesson just now
    lesson_complete(learner=active, lesson=lessons[0])
    # idle: started and completed something 9 days ago, nothing since
    lesson_complete(learner=idle, lesson=lessons[0])
    LessonProgress.objects.filter(learner=idle).update(started_at=old, completed_at=old, last_seen_at=old)
    # failing: two failed tries at the required quiz today
    for _ in range(2):
        attempt = quiz_attempt_start(learner=failing, quiz=quiz, lesson=lessons[2])
        quiz_attempt_submit(
            learner=failing, token=attempt.token, data=quiz_answers(quiz, right=False), lesson=lessons[2]
        )
    entries = {
        e.learner.pk: e.reasons
        for e in cohort_needing_help(cohort=cohort, learners=permissions.learners_visible_to(instructor))
    }
    assert active.pk not in entries
    assert len(entries[idle.pk]) == 2  # inactive 7+ days, and no lesson finished in a started course
    assert any("2" in reason for reason in entries[failing.pk])
    assert len(entries[never.pk]) == 1
