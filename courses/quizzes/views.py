"""The quiz part of a lesson page: what each quiz block shows, and the POST that submits it.

Quiz forms post to the lesson page itself (``LessonPage.serve`` hands them here), so a quiz needs no
URL of its own. Learners: post → grade → redirect back to the lesson (post/redirect/get), where the
block shows the result with feedback and a "try again" button. Officers see the same form as a
preview: the result is shown once and nothing is recorded.
"""

from __future__ import annotations

import uuid
import zlib
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.accounts import permissions

from .grading import Grade, QuestionResult, ordered_options
from .models import Quiz, QuizAttempt, QuizQuestion
from .selectors import QuizRef, QuizResult, latest_attempt, lesson_quiz_refs, open_attempt, quiz_results
from .services import quiz_attempt_start, quiz_attempt_submit, quiz_preview


@dataclass
class QuestionView:
    number: int
    question: QuizQuestion
    options: list
    result: QuestionResult | None = None

    @property
    def chosen(self) -> set:
        if self.result is None or self.result.given is None:
            return set()
        given = self.result.given
        return set(given) if isinstance(given, list) else {given}

    @property
    def chosen_feedback(self) -> list[str]:
        return [option.feedback for option in self.options if option.pk in self.chosen and option.feedback]


@dataclass
class QuizPanel:
    block_id: str
    quiz: Quiz
    required: bool
    mode: str  # "form", "result" or "preview_result"
    preview: bool = False
    attempt: QuizAttempt | None = None
    questions: list[QuestionView] = field(default_factory=list)
    score: object = None
    passed: bool = False
    counted: QuizResult | None = None

    @property
    def anchor(self) -> str:
        return f"quiz-{self.block_id}"


def _stored_result(attempt: QuizAttempt, question: QuizQuestion) -> QuestionResult | None:
    from decimal import Decimal

    row = (attempt.answers or {}).get(str(question.pk))
    if row is None:
        return QuestionResult(question.pk, None, Decimal(0))
    return QuestionResult(question.pk, row.get("given"), Decimal(row.get("points", "0")))


def _questions(quiz: Quiz, *, seed: int, results: dict | None = None) -> list[QuestionView]:
    views = []
    for number, question in enumerate(quiz.questions.all(), start=1):
        options = ordered_options(question, seed=seed, shuffle=quiz.shuffle_options) if question.is_choice else []
        views.append(QuestionView(number, question, options, (results or {}).get(question.pk)))
    return views


def _preview_seed(user, quiz: Quiz) -> int:
    return zlib.crc32(f"preview:{user.pk}:{quiz.pk}".encode())


def _quizzes(refs: list[QuizRef]) -> dict[int, Quiz]:
    ids = {ref.quiz_id for ref in refs}
    return {quiz.pk: quiz for quiz in Quiz.objects.filter(pk__in=ids).prefetch_related("questions__options")}


def quiz_panels(request, lesson, *, preview: dict[str, Grade] | None = None) -> dict[str, QuizPanel]:
    """One panel per quiz block of ``lesson`` (by block id), for the learner or officer asking."""
    refs = lesson_quiz_refs(lesson)
    if not refs:
        return {}
    user = request.user
    quizzes = _quizzes(refs)
    learner = getattr(lesson, "learning", None)  # set by the page's access check
    if learner is None:
        learner = permissions.is_learner(user)
    results = quiz_results(learner=user, quiz_ids=quizzes) if learner else {}
    panels = {}
    for ref in refs:
        quiz = quizzes.get(ref.quiz_id)
        if quiz is None:  # deleted snippet: the block shows nothing
            continue
        panel = QuizPanel(block_id=ref.block_id, quiz=quiz, required=ref.required, mode="form")
        if not learner:
            panel.preview = True
            seed = _preview_seed(user, quiz)
            grade = (preview or {}).get(ref.block_id)
            if grade is not None:
                panel.mode, panel.score, panel.passed = "preview_result", grade.score, grade.passed
            panel.questions = _questions(quiz, seed=seed, results=grade.results if grade else None)
        else:
            panel.counted = results.get(quiz.pk)
            attempt = open_attempt(learner=user, quiz_id=quiz.pk)
            last = latest_attempt(learner=user, quiz_id=quiz.pk) if attempt is None else None
            if attempt is None and last is None:
                attempt = quiz_attempt_start(learner=user, quiz=quiz, lesson=lesson)
            if attempt is not None:
                panel.attempt = attempt
                panel.questions = _questions(quiz, seed=attempt.seed)
            else:
                panel.mode, panel.attempt, panel.score, panel.passed = "result", last, last.score, last.passed
                stored = {q.pk: _stored_result(last, q) for q in quiz.questions.all()}
                panel.questions = _questions(quiz, seed=last.seed, results=stored)
        panels[ref.block_id] = panel
    return panels


def quiz_post(request, lesson):
    """Handle a quiz form posted to ``lesson`` (access to the lesson is already checked)."""
    block_id = request.POST.get("quiz_block", "")
    ref = next((ref for ref in lesson_quiz_refs(lesson) if ref.block_id == block_id), None)
    quiz = Quiz.objects.prefetch_related("questions__options").filter(pk=ref.quiz_id).first() if ref else None
    target = f"{lesson.url}#quiz-{block_id}"
    if quiz is None:
        messages.error(request, _("This quiz is no longer available. Reload the page."))
        return redirect(lesson.url)
    if not getattr(lesson, "learning", False):  # an officer's preview (access is already checked)
        grade = quiz_preview(user=request.user, quiz=quiz, data=request.POST)
        context = lesson.get_context(request, quiz_preview={block_id: grade})
        return TemplateResponse(request, lesson.get_template(request), context)
    if request.POST.get("action") == "retry":
        quiz_attempt_start(learner=request.user, quiz=quiz, lesson=lesson)
        return redirect(target)
    try:
        token = uuid.UUID(request.POST.get("attempt", ""))
        attempt = quiz_attempt_submit(learner=request.user, token=token, data=request.POST, lesson=lesson)
    except (ValueError, PermissionDenied):
        messages.error(request, _("This quiz form has expired. Please answer it again."))
        return redirect(target)
    if attempt.quiz_id != quiz.pk:
        messages.error(request, _("This quiz form has expired. Please answer it again."))
    elif attempt.passed:
        messages.success(request, _("You passed the quiz with %(score)s%%.") % {"score": _percent(attempt.score)})
    else:
        messages.info(
            request,
            _("Your score is %(score)s%%; you need %(mark)s%% to pass. Read the feedback and try again.")
            % {"score": _percent(attempt.score), "mark": quiz.pass_mark},
        )
    return redirect(target)


def _percent(value) -> str:
    return f"{value:.0f}" if value is not None else "0"
