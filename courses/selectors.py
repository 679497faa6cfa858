"""Reads on learning: which courses a learner has, and how far along each one is.

A lesson counts as done when the learner marked it finished *and* passed every required quiz placed
in its body (the quiz's score policy decides which attempt counts); a course is complete when every
live lesson is done. Optional quizzes never hold a learner back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .h5p.selectors import lesson_h5p_pending
from .models import CoursePage, Enrollment, LessonPage, LessonProgress
from .quizzes.models import Quiz
from .quizzes.selectors import lesson_quiz_refs, quiz_results


@dataclass
class OutlineItem:
    lesson: LessonPage
    started: bool
    completed: bool  # marked finished and every required quiz passed
    marked_done: bool = False  # the learner pressed "I have finished this lesson"
    quizzes_pending: int = 0  # required quizzes in this lesson not (yet) passed
    h5p_pending: int = 0  # required H5P activities in this lesson not (yet) completed


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
    return LessonPage.objects.child_of(course).live().order_by("path")


def course_outline(*, learner, course: CoursePage) -> CourseOutline:
    lessons = list(course_lessons(course))
    progress = {}
    if getattr(learner, "is_authenticated", False):
        progress = {
            row.lesson_id: row
            for row in LessonProgress.objects.filter(learner=learner, lesson__in=[lesson.pk for lesson in lessons])
        }
    required = {lesson.pk: {ref.quiz_id for ref in lesson_quiz_refs(lesson) if ref.required} for lesson in lessons}
    quiz_ids = set().union(*required.values())
    if quiz_ids:  # a block may still point at a deleted quiz; it cannot hold anyone back
        quiz_ids = set(Quiz.objects.filter(pk__in=quiz_ids).values_list("pk", flat=True))
        required = {pk: ids & quiz_ids for pk, ids in required.items()}
    results = quiz_results(learner=learner, quiz_ids=quiz_ids)
    h5p_pending = lesson_h5p_pending(learner=learner, lessons=lessons)
    outline = CourseOutline(course=course)
    for lesson in lessons:
        row = progress.get(lesson.pk)
        marked = bool(row and row.completed_at)
        pending = sum(1 for quiz_id in required[lesson.pk] if not (quiz_id in results and results[quiz_id].passed))
        activities = h5p_pending.get(lesson.pk, 0)
        outline.items.append(
            OutlineItem(
                lesson=lesson,
                started=row is not None,
                completed=marked and not pending and not activities,
                marked_done=marked,
                quizzes_pending=pending,
                h5p_pending=activities,
            )
        )
    return outline


def is_enrolled(*, learner, course: CoursePage) -> bool:
    return Enrollment.objects.filter(learner=learner, course=course).exists()


def learner_course_outlines(*, learner) -> list[CourseOutline]:
    courses = CoursePage.objects.live().filter(enrollments__learner=learner).order_by("title")
    return [course_outline(learner=learner, course=course) for course in courses]
