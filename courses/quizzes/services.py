"""Writes on quizzes: open an attempt, submit it (graded on the server), and preview for officers.

Only enrolled learners leave attempts. The form carries the attempt's token; submitting locks the
attempt row, so a form posted twice (double click, reload, two tabs) grades and records it once and
the second post gets the same attempt back. Passing a required quiz may complete the course, which
sends ``course_completed`` through :func:`courses.services.course_complete_if_done`.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts import permissions
from lms.accounts.models import User
from lms.audit.services import audit_record

from ..models import Enrollment, LessonPage
from .grading import Grade, grade_quiz
from .models import Quiz, QuizAttempt
from .selectors import lesson_quiz_refs


class QuizNotInLesson(PermissionDenied):
    """The quiz asked for is not placed in the lesson the learner is on."""


def _require_learner_in_lesson(*, learner: User, quiz: Quiz, lesson: LessonPage) -> None:
    permissions.require(learner, "course.learn")
    if quiz.pk not in {ref.quiz_id for ref in lesson_quiz_refs(lesson)}:
        raise QuizNotInLesson("quiz not in this lesson")
    if not Enrollment.objects.filter(learner=learner, course=lesson.course()).exists():
        raise PermissionDenied("not enrolled")


def quiz_attempt_start(*, learner: User, quiz: Quiz, lesson: LessonPage) -> QuizAttempt:
    """The learner's open attempt at ``quiz``, opened now if there is none (one open attempt at a time)."""
    _require_learner_in_lesson(learner=learner, quiz=quiz, lesson=lesson)
    existing = QuizAttempt.objects.filter(learner=learner, quiz=quiz, submitted_at__isnull=True).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(learner=learner, quiz=quiz, lesson=lesson)
    except IntegrityError:  # a parallel request opened it first (one_open_quiz_attempt)
        return QuizAttempt.objects.get(learner=learner, quiz=quiz, submitted_at__isnull=True)


def quiz_attempt_submit(*, learner: User, token: str, data: Mapping, lesson: LessonPage) -> QuizAttempt:
    """Grade and close the attempt with ``token``; a closed attempt is returned unchanged.

    ``data`` is the POST: only the ``q<question id>`` fields are read (see ``grading``).
    """
    permissions.require(learner, "course.learn")
    with transaction.atomic():
        attempt = QuizAttempt.objects.select_for_update().select_related("quiz").filter(token=token).first()
        if attempt is None or attempt.learner_id != learner.pk:
            raise PermissionDenied("not this learner's attempt")
        _require_learner_in_lesson(learner=learner, quiz=attempt.quiz, lesson=lesson)
        if attempt.submitted_at is not None:
            return attempt
        grade = grade_quiz(attempt.quiz, data)
        attempt.answers = grade.answers_json()
        attempt.score = grade.score
        attempt.passed = grade.passed
        attempt.submitted_at = timezone.now()
        attempt.lesson = lesson
        attempt.save(update_fields=["answers", "score", "passed", "submitted_at", "lesson"])
        audit_record(
            actor=learner,
            action="quiz.submit",
            target=attempt,
            facility=learner.facility_id,
            data={"quiz": attempt.quiz_id, "score": str(attempt.score), "passed": attempt.passed},
        )
        if attempt.passed:
            from ..services import course_complete_if_done

            course_complete_if_done(learner=learner, course=lesson.course())
    return attempt


def quiz_preview(*, user: User, quiz: Quiz, data: Mapping) -> Grade:
    """Grade an officer's try at a quiz without recording anything (officers author and check quizzes)."""
    if not permissions.is_officer(user):
        raise PermissionDenied("preview is for officers")
    return grade_quiz(quiz, data)
