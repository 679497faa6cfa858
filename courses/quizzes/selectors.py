"""Reads on quizzes: which quizzes a lesson places, and which attempt counts for a learner."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .models import Quiz, QuizAttempt


@dataclass(frozen=True)
class QuizRef:
    """A quiz block in a lesson body, read from the raw stream data (no snippet query)."""

    block_id: str
    quiz_id: int
    required: bool


@dataclass
class QuizResult:
    quiz_id: int
    attempts: int
    counted: QuizAttempt | None  # the attempt the quiz's score policy counts

    failed: int = 0  # submitted attempts that did not pass

    @property
    def score(self) -> Decimal | None:
        return self.counted.score if self.counted else None

    @property
    def passed(self) -> bool:
        return bool(self.counted and self.counted.passed)


def lesson_quiz_refs(lesson) -> list[QuizRef]:
    refs = []
    for block in lesson.body.raw_data:
        if block.get("type") != "quiz":
            continue
        value = block.get("value") or {}
        quiz_id = value.get("quiz")
        if isinstance(quiz_id, int):
            refs.append(QuizRef(block_id=block.get("id") or "", quiz_id=quiz_id, required=value.get("required", True)))
    return refs


def _counted(quiz: Quiz, attempts: list[QuizAttempt]) -> QuizAttempt | None:
    """Best policy: the highest score (the latest among equals). Last policy: the latest attempt."""
    if not attempts:
        return None
    if quiz.score_policy == Quiz.ScorePolicy.LAST:
        return max(attempts, key=lambda a: (a.submitted_at, a.pk))
    return max(attempts, key=lambda a: (a.score or 0, a.submitted_at, a.pk))


def quiz_results(*, learner, quiz_ids: Iterable[int]) -> dict[int, QuizResult]:
    """The counted result of each quiz for ``learner`` (submitted attempts only); one query per call."""
    if not getattr(learner, "is_authenticated", False):
        return {}
    return quiz_results_by_learner(learner_ids=[learner.pk], quiz_ids=quiz_ids).get(learner.pk, {})


def quiz_results_by_learner(*, learner_ids: Iterable[int], quiz_ids: Iterable[int]) -> dict[int, dict[int, QuizResult]]:
    """``{learner id: {quiz id: result}}`` for many learners at once, in one query (progress grids)."""
    quiz_ids, learner_ids = set(quiz_ids), set(learner_ids)
    if not quiz_ids or not learner_ids:
        return {}
    grouped: dict[tuple[int, int], list[QuizAttempt]] = defaultdict(list)
    attempts = QuizAttempt.objects.filter(
        learner_id__in=learner_ids, quiz_id__in=quiz_ids, submitted_at__isnull=False
    ).select_related("quiz")
    for attempt in attempts:
        grouped[attempt.learner_id, attempt.quiz_id].append(attempt)
    out: dict[int, dict[int, QuizResult]] = defaultdict(dict)
    for (learner_id, quiz_id), rows in grouped.items():
        out[learner_id][quiz_id] = QuizResult(
            quiz_id=quiz_id,
            attempts=len(rows),
            counted=_counted(rows[0].quiz, rows),
            failed=sum(1 for row in rows if not row.passed),
        )
    return dict(out)


def open_attempt(*, learner, quiz_id: int) -> QuizAttempt | None:
    return QuizAttempt.objects.filter(learner=learner, quiz_id=quiz_id, submitted_at__isnull=True).first()


def latest_attempt(*, learner, quiz_id: int) -> QuizAttempt | None:
    return (
        QuizAttempt.objects.filter(learner=learner, quiz_id=quiz_id, submitted_at__isnull=False)
        .order_by("-submitted_at", "-pk")
        .first()
    )
