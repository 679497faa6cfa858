"""Reads on H5P: which activities a lesson places, which attempt counts, and what still holds a lesson back.

An activity is a package placed in a lesson (an ``h5p`` block). The counted attempt follows
``settings.H5P_SCORE_POLICY``: ``best`` (highest scaled score, latest among equals) or ``last`` (the
latest scored attempt). A required activity is done once any of the learner's attempts completed it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from .models import H5PAttempt


@dataclass(frozen=True)
class H5PRef:
    block_id: str
    package_id: int
    required: bool


@dataclass
class ActivityResult:
    attempts: int
    counted: H5PAttempt | None
    completed: bool


def lesson_h5p_refs(lesson) -> list[H5PRef]:
    refs = []
    for block in lesson.body.raw_data:
        if block.get("type") != "h5p":
            continue
        value = block.get("value") or {}
        if isinstance(value.get("package"), int):
            refs.append(H5PRef(block.get("id") or "", value["package"], value.get("required", True)))
    return refs


def _counted(attempts: list[H5PAttempt]) -> H5PAttempt | None:
    scored = [a for a in attempts if a.scored_at is not None]
    if not scored:
        return None
    if settings.H5P_SCORE_POLICY == "last":
        return max(scored, key=lambda a: (a.scored_at, a.pk))
    return max(scored, key=lambda a: (a.scaled or 0, a.scored_at, a.pk))


def activity_results(*, learner, lesson_ids) -> dict[tuple[int, int], ActivityResult]:
    """(lesson id, package id) → the learner's result there; one query."""
    if not getattr(learner, "is_authenticated", False):
        return {}
    grouped: dict[tuple[int, int], list[H5PAttempt]] = defaultdict(list)
    for attempt in H5PAttempt.objects.filter(learner=learner, lesson_id__in=list(lesson_ids)):
        grouped[(attempt.lesson_id, attempt.package_id)].append(attempt)
    return {
        key: ActivityResult(len(rows), _counted(rows), any(a.completed_at for a in rows))
        for key, rows in grouped.items()
    }


def lesson_h5p_pending(*, learner, lessons) -> dict[int, int]:
    """Lesson id → how many of its required H5P activities the learner has not completed yet."""
    refs = {lesson.pk: [ref for ref in lesson_h5p_refs(lesson) if ref.required] for lesson in lessons}
    if not any(refs.values()):
        return {}
    results = activity_results(learner=learner, lesson_ids=[pk for pk, r in refs.items() if r])
    pending = {}
    for lesson_pk, lesson_refs in refs.items():
        result = [results.get((lesson_pk, ref.package_id)) for ref in lesson_refs]
        pending[lesson_pk] = sum(1 for r in result if not (r and r.completed))
    return pending
