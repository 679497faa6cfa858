"""Course content goes through Wagtail's review workflow ("Tinjauan kursus") before it is published."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowState

from courses.moderation import WORKFLOW_NAME, course_review_workflow_ensure
from courses.selectors import course_lessons
from tests.factories import InstructorFactory, build_course


@pytest.fixture
def course():
    course = build_course(lessons=1)
    course_review_workflow_ensure(catalogue=course.get_parent())
    return course


@pytest.mark.django_db
def test_the_workflow_is_made_once_and_covers_courses_and_lessons(course):
    course_review_workflow_ensure(catalogue=course.get_parent())

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert [task.specific.groups.get().name for task in workflow.tasks] == ["Moderators"]
    assert course.get_workflow() == workflow
    assert course_lessons(course)[0].get_workflow() == workflow


@pytest.mark.django_db
def test_a_submitted_change_waits_for_a_moderator_and_keeps_its_revisions(course):
    lesson = course_lessons(course)[0]
    editor = InstructorFactory()
    moderator = InstructorFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    before = lesson.revisions.count()

    lesson.title = "Pelajaran yang diperbaiki"
    lesson.save_revision(user=editor)
    state = lesson.get_workflow().start(lesson, editor)
    lesson.refresh_from_db()

    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert lesson.title == "Pelajaran 1"  # the live page is unchanged while in review
    task_state = state.current_task_state
    assert "approve" in {name for name, *_ in task_state.task.specific.get_actions(lesson, moderator)}
    assert task_state.task.specific.get_actions(lesson, editor) == []

    task_state.approve(user=moderator)
    lesson.refresh_from_db()
    state.refresh_from_db()

    assert state.status == WorkflowState.STATUS_APPROVED
    assert lesson.title == "Pelajaran yang diperbaiki" and lesson.live
    assert lesson.revisions.count() == before + 1
