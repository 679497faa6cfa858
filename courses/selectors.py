"""Reads on learning: which courses a learner has, and how far along each one is.

A lesson counts as done when the learner marked it finished *and* passed every required quiz placed
in its body (the quiz's score policy decides which attempt counts); a course is complete when every
live lesson is done. Optional quizzes never hold a learner back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .models import CoursePage, Enrollment, LessonPage, LessonProgress
from .quizzes.models import Quiz
from .quizzes.selectors import QuizRef, QuizResult, lesson_quiz_refs, quiz_results_by_learner


@dataclass
class OutlineItem:
    lesson: LessonPage
    started: bool
    completed: bool  # marked finished and every required quiz passed
    marked_done: bool = False  # the learner pressed "I have finished this lesson"
    quizzes_pending: int = 0  # required quizzes in this lesson not (yet) passed
    seconds_on_task: int = 0
    started_at: datetime | None = None
    last_seen_at: datetime | None = None
    completed_at: datetime | None = None
    # every quiz placed in the lesson (that still exists), with this learner's counted result
    quizzes: list[tuple[QuizRef, QuizResult | None]] = field(default_factory=list)

    @property
    def minutes_on_task(self) -> int:
        return round(self.seconds_on_task / 60)

    @property
    def state(self) -> str:
        """ "completed", "started" or "not_started" (the grid shows it as text, not colour alone)."""
        return "completed" if self.completed else "started" if self.started else "not_started"


@dataclass
class CourseOutline:
    course: CoursePage
    items: list[OutlineItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def seconds_on_task(self) -> int:
        return sum(item.seconds_on_task for item in self.items)

    @property
    def started(self) -> bool:
        return any(item.started for item in self.items)

    @property
    def next_lesson(self) -> LessonPage | None:
        """The first unfinished lesson: where "Lanjutkan" (resume) goes."""
        for item in self.items:
            if not item.completed:
                return item.lesson
        return None

    def position_of(self, lesson: LessonPage) -> dict:
        ids = [item.lesson.pk for item in self.items]
        index = ids.index(lesson.pk) if lesson.pk in ids else 0
        return {
            "number": index + 1,
            "previous": self.items[index - 1].lesson if index > 0 else None,
            "next": self.items[index + 1].lesson if index + 1 < len(self.items) else None,
            "completed": bool(self.items) and self.items[index].completed,
            "quizzes_pending": self.items[index].quizzes_pending if self.items else 0,
        }


def course_lessons(course: CoursePage):
    """The course's live lessons in reading order (directly under the course or inside its modules)."""
    return LessonPage.objects.descendant_of(course).live().order_by("path")


def course_outline(*, learner, course: CoursePage, lessons: list[LessonPage] | None = None) -> CourseOutline:
    if not getattr(learner, "is_authenticated", False):
        learner = None
    return course_outlines(course=course, learners=[learner], lessons=lessons)[getattr(learner, "pk", None)]


def course_outlines(
    *, course: CoursePage, learners, lessons: list[LessonPage] | None = None
) -> dict[int | None, CourseOutline]:
    """One outline per learner (by id), in a constant number of queries whatever the number of
    learners and lessons: lessons, progress rows, existing quizzes, attempts (progress grids).
    ``None`` in ``learners`` stands for someone without progress (an officer previewing)."""
    lessons = list(course_lessons(course)) if lessons is None else lessons
    learner_ids = [getattr(learner, "pk", learner) for learner in learners]
    real_ids = [pk for pk in learner_ids if pk is not None]
    progress: dict[tuple[int, int], LessonProgress] = {}
    if real_ids and lessons:
        rows = LessonProgress.objects.filter(learner_id__in=real_ids, lesson__in=[lesson.pk for lesson in lessons])
        progress = {(row.learner_id, row.lesson_id): row for row in rows}
    refs = {lesson.pk: lesson_quiz_refs(lesson) for lesson in lessons}
    quiz_ids = {ref.quiz_id for lesson_refs in refs.values() for ref in lesson_refs}
    if quiz_ids:  # a block may still point at a deleted quiz; it cannot hold anyone back
        quiz_ids = set(Quiz.objects.filter(pk__in=quiz_ids).values_list("pk", flat=True))
        refs = {pk: [ref for ref in lesson_refs if ref.quiz_id in quiz_ids] for pk, lesson_refs in refs.items()}
    results = quiz_results_by_learner(learner_ids=real_ids, quiz_ids=quiz_ids)
    outlines = {}
    for learner_id in learner_ids:
        mine = results.get(learner_id, {})
        outline = CourseOutline(course=course)
        for lesson in lessons:
            row = progress.get((learner_id, lesson.pk))
            marked = bool(row and row.completed_at)
            required = {ref.quiz_id for ref in refs[lesson.pk] if ref.required}
            pending = sum(1 for quiz_id in required if not (quiz_id in mine and mine[quiz_id].passed))
            outline.items.append(
                OutlineItem(
                    lesson=lesson,
                    started=row is not None or any(ref.quiz_id in mine for ref in refs[lesson.pk]),
                    completed=marked and not pending,
                    marked_done=marked,
                    quizzes_pending=pending,
                    seconds_on_task=row.seconds_on_task if row else 0,
                    started_at=row.started_at if row else None,
                    last_seen_at=row.last_seen_at if row else None,
                    completed_at=row.completed_at if row else None,
                    quizzes=[(ref, mine.get(ref.quiz_id)) for ref in refs[lesson.pk]],
                )
            )
        outlines[learner_id] = outline
    return outlines


def is_enrolled(*, learner, course: CoursePage) -> bool:
    return Enrollment.objects.filter(learner=learner, course=course).exists()


def learner_course_outlines(*, learner) -> list[CourseOutline]:
    courses = CoursePage.objects.live().filter(enrollments__learner=learner).order_by("title")
    return [course_outline(learner=learner, course=course) for course in courses]


def resume_target(outlines: list[CourseOutline]) -> tuple[CourseOutline, LessonPage] | None:
    """Where the learner home's one "Lanjutkan" button goes: the next unfinished lesson of the
    unfinished course worked on most recently (or the first unfinished course, if none started)."""
    open_ = [outline for outline in outlines if outline.next_lesson is not None]
    if not open_:
        return None

    def last_touched(outline: CourseOutline):
        times = [t for item in outline.items for t in (item.last_seen_at, item.completed_at, item.started_at) if t]
        return max(times, default=None)

    started = [outline for outline in open_ if last_touched(outline) is not None]
    chosen = max(started, key=last_touched) if started else open_[0]
    return chosen, chosen.next_lesson
