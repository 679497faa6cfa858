"""Reads on learning: which courses a learner has, and how far along each one is.

A lesson counts as done when the learner marked it finished *and* passed every required quiz placed
in its body (the quiz's score policy decides which attempt counts). A course is complete by its
completion rule: every live *required* lesson done (optional lessons and quizzes never hold a learner
back), and — under the practicum rule, when a lesson holds a practicum task — one approved practice
listing in the sandbox shop. Lessons sit in modules; the outline reads modules and lessons in two
queries, whatever the size of the course, and keeps tree order across modules.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from .caching import LessonRow, cached, content_version, lesson_rows
from .h5p.selectors import lesson_h5p_pending
from .models import CoursePage, Enrollment, LessonPage, LessonProgress, ModulePage
from .quizzes.models import Quiz
from .quizzes.selectors import QuizRef, QuizResult, lesson_quiz_refs, quiz_results_by_learner


@dataclass
class OutlineItem:
    lesson: LessonPage
    started: bool
    completed: bool  # marked finished and every required quiz passed
    marked_done: bool = False  # the learner pressed "I have finished this lesson"
    quizzes_pending: int = 0  # required quizzes in this lesson not (yet) passed
    h5p_pending: int = 0  # required H5P activities in this lesson not (yet) completed
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
class OutlineSection:
    module: ModulePage
    items: list[OutlineItem] = field(default_factory=list)


@dataclass
class CourseOutline:
    course: CoursePage
    items: list[OutlineItem] = field(default_factory=list)  # every live lesson, in course order
    practicum_required: bool = False  # the completion rule asks for an approved practice listing
    practicum_done: bool = False
    locked_by: list[CoursePage] = field(default_factory=list)  # prerequisites not finished yet

    @property
    def required_items(self) -> list[OutlineItem]:
        return [item for item in self.items if item.lesson.required]

    @property
    def total(self) -> int:
        """Required lessons: the ones progress and completion count."""
        return len(self.required_items)

    @property
    def done(self) -> int:
        return sum(1 for item in self.required_items if item.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def seconds_on_task(self) -> int:
        return sum(item.seconds_on_task for item in self.items)

    @property
    def started(self) -> bool:
        return any(item.started for item in self.items)

    @property
    def lock_message(self) -> str:
        from .models import lock_message

        return lock_message(self.locked_by) if self.locked_by else ""

    @property
    def practicum_pending(self) -> bool:
        return self.practicum_required and not self.practicum_done

    @property
    def is_complete(self) -> bool:
        return bool(self.items) and self.done == self.total and not self.practicum_pending

    @cached_property
    def sections(self) -> list[OutlineSection]:
        """The live modules with their items, in order (one query, only where a page shows modules)."""
        sections = {module.path: OutlineSection(module=module) for module in course_modules(self.course)}
        for item in self.items:
            sections[item.lesson.path[: -item.lesson.steplen]].items.append(item)
        return list(sections.values())

    def section_of(self, module: ModulePage) -> OutlineSection | None:
        return next((section for section in self.sections if section.module.pk == module.pk), None)

    def item_of(self, lesson: LessonPage) -> OutlineItem | None:
        return next((item for item in self.items if item.lesson.pk == lesson.pk), None)

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


def course_modules(course: CoursePage) -> list[ModulePage]:
    return list(ModulePage.objects.child_of(course).live().order_by("path"))


def _in_live_module(steplen: int) -> Exists:
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - steplen)
    return Exists(ModulePage.objects.filter(path=parent_path, live=True))


def course_lessons(course: CoursePage, *, learner=None) -> list[LessonPage]:
    """Live lessons of live modules, in tree order (module by module).

    The lessons come from the shared cache of the course structure (``caching``), or from one
    query when it is cold. For a signed-in ``learner`` each lesson also carries its LessonProgress
    as ``progress_*`` attributes (``progress_started``, ``progress_started_at``,
    ``progress_completed_at``, ``progress_seconds``, ``progress_last_seen_at``), read in one query."""
    lessons = [copy.copy(lesson) for lesson in _course_lessons_shared(course)]
    if getattr(learner, "is_authenticated", False) and lessons:
        columns = list(_PROGRESS_COLUMNS.values())
        progress = {
            values[0]: values[1:]
            for values in LessonProgress.objects.filter(
                learner=learner, lesson_id__in=[lesson.pk for lesson in lessons]
            ).values_list("lesson_id", *columns)
        }
        for lesson in lessons:
            values = progress.get(lesson.pk)
            lesson.progress_started = values is not None
            for name, value in zip(_PROGRESS_COLUMNS, values or [None] * len(columns), strict=True):
                setattr(lesson, f"progress_{name}", value)
    return lessons


_PROGRESS_COLUMNS = {
    "started_at": "started_at",
    "completed_at": "completed_at",
    "seconds": "seconds_on_task",
    "last_seen_at": "last_seen_at",
}


# Lesson instances built from the shared cache, kept in this process for the current content version
# (callers get shallow copies, so what they set on a lesson stays theirs).
_built: dict[tuple[int, str], list[LessonPage]] = {}


def _course_lessons_shared(course: CoursePage) -> list[LessonPage]:
    key = (course.pk, content_version())
    lessons = _built.get(key)
    if lessons is None:
        rows = lesson_rows(course, lambda: _lesson_rows_build(course))
        lessons = [_lesson_from_row(row) for row in rows]
        if any(version != key[1] for _pk, version in list(_built)):
            _built.clear()  # content changed: forget every course built under an older version
        _built[key] = lessons
    return lessons


def _lesson_rows_build(course: CoursePage) -> list[LessonRow]:
    lessons = list(
        LessonPage.objects.descendant_of(course).live().filter(_in_live_module(course.steplen)).order_by("path")
    )
    quiz_refs = {lesson.pk: lesson_quiz_refs(lesson) for lesson in lessons}
    quiz_ids = {ref.quiz_id for refs in quiz_refs.values() for ref in refs}
    if quiz_ids:  # a block may still point at a deleted quiz; it cannot hold anyone back
        quiz_ids = set(Quiz.objects.filter(pk__in=quiz_ids).values_list("pk", flat=True))
    names = [field.attname for field in LessonPage._meta.concrete_fields if field.attname != "body"]
    return [
        LessonRow(
            fields={name: getattr(lesson, name) for name in names},
            body=list(lesson.body.raw_data),
            quiz_refs=tuple(ref for ref in quiz_refs[lesson.pk] if ref.quiz_id in quiz_ids),
            practicum=has_practicum_task(lesson),
        )
        for lesson in lessons
    ]


def _lesson_from_row(row: LessonRow) -> LessonPage:
    lesson = LessonPage.from_db("default", list(row.fields), list(row.fields.values()))
    lesson.body = row.body  # raw stream data: parsed only if a block is read
    lesson.cached_quiz_refs = list(row.quiz_refs)
    lesson.cached_practicum = row.practicum
    lesson.cached_url = lesson.url  # worked out once per content version, not once per link
    return lesson


@dataclass
class _Progress:
    """One learner's LessonProgress of one lesson, from a row or from ``course_lessons``' annotations."""

    started_at: datetime | None
    completed_at: datetime | None
    seconds_on_task: int
    last_seen_at: datetime | None

    @classmethod
    def annotated(cls, lesson: LessonPage) -> _Progress | None:
        if not getattr(lesson, "progress_started", False):
            return None
        return cls(
            lesson.progress_started_at,
            lesson.progress_completed_at,
            lesson.progress_seconds or 0,
            lesson.progress_last_seen_at,
        )


def has_practicum_task(lesson: LessonPage) -> bool:
    if hasattr(lesson, "cached_practicum"):
        return lesson.cached_practicum
    return any(block.get("type") == "practicum" for block in lesson.body.raw_data)


def practicum_approved(*, learner) -> bool:
    """Whether ``learner`` has a practice listing the reviewers approved (or promoted to the store).

    The one place where courses read the sandbox shop."""
    from sandbox_shop.models import PracticeListing

    if not getattr(learner, "is_authenticated", False):
        return False
    from django.db.models import Q

    # a listing with a store product was approved once, also while a new revision of it is under way
    return PracticeListing.objects.filter(
        Q(status__in=[PracticeListing.Status.APPROVED, PracticeListing.Status.PROMOTED]) | Q(product__isnull=False),
        learner=learner,
    ).exists()


def course_outline(*, learner, course: CoursePage, lessons: list[LessonPage] | None = None) -> CourseOutline:
    if not getattr(learner, "is_authenticated", False):
        learner = None
    return course_outlines(course=course, learners=[learner], lessons=lessons)[getattr(learner, "pk", None)]


def course_outlines(
    *, course: CoursePage, learners, lessons: list[LessonPage] | None = None
) -> dict[int | None, CourseOutline]:
    """One outline per learner (by id), in a constant number of queries whatever the number of
    learners and lessons: lessons (with one learner's progress), or lessons and progress rows for
    many (progress grids); existing quizzes; attempts. ``None`` in ``learners`` stands for someone
    without progress (an officer previewing)."""
    real = [learner for learner in learners if learner is not None]
    single = len(real) == 1 and lessons is None and not isinstance(real[0], int)
    if lessons is None:
        lessons = course_lessons(course, learner=real[0] if single else None)
    learner_ids = [getattr(learner, "pk", learner) for learner in learners]
    real_ids = [pk for pk in learner_ids if pk is not None]
    progress: dict[tuple[int, int], _Progress] = {}
    if single:
        progress = {(real_ids[0], lesson.pk): row for lesson in lessons if (row := _Progress.annotated(lesson))}
    elif real_ids and lessons:
        rows = LessonProgress.objects.filter(learner_id__in=real_ids, lesson__in=[lesson.pk for lesson in lessons])
        progress = {
            (row.learner_id, row.lesson_id): _Progress(
                row.started_at, row.completed_at, row.seconds_on_task, row.last_seen_at
            )
            for row in rows
        }
    if all(hasattr(lesson, "cached_quiz_refs") for lesson in lessons):  # from the structure cache
        refs = {lesson.pk: lesson.cached_quiz_refs for lesson in lessons}
        quiz_ids = {ref.quiz_id for lesson_refs in refs.values() for ref in lesson_refs}
    else:
        refs = {lesson.pk: lesson_quiz_refs(lesson) for lesson in lessons}
        quiz_ids = {ref.quiz_id for lesson_refs in refs.values() for ref in lesson_refs}
        if quiz_ids:  # a block may still point at a deleted quiz; it cannot hold anyone back
            quiz_ids = set(Quiz.objects.filter(pk__in=quiz_ids).values_list("pk", flat=True))
            refs = {pk: [ref for ref in lesson_refs if ref.quiz_id in quiz_ids] for pk, lesson_refs in refs.items()}
    results = quiz_results_by_learner(learner_ids=real_ids, quiz_ids=quiz_ids)
    with_practicum = course.completion_rule == CoursePage.CompletionRule.WITH_PRACTICUM and any(
        map(has_practicum_task, lessons)
    )
    by_id = {getattr(learner, "pk", learner): learner for learner in learners}
    outlines = {}
    for learner_id in learner_ids:
        mine = results.get(learner_id, {})
        learner = by_id[learner_id]
        h5p_pending = lesson_h5p_pending(learner=learner, lessons=lessons) if learner_id is not None else {}
        outline = CourseOutline(course=course)
        if with_practicum:
            outline.practicum_required = True
            outline.practicum_done = learner_id is not None and practicum_approved(learner=learner)
        for lesson in lessons:
            row = progress.get((learner_id, lesson.pk))
            marked = bool(row and row.completed_at)
            required = {ref.quiz_id for ref in refs[lesson.pk] if ref.required}
            pending = sum(1 for quiz_id in required if not (quiz_id in mine and mine[quiz_id].passed))
            activities = h5p_pending.get(lesson.pk, 0)
            outline.items.append(
                OutlineItem(
                    lesson=lesson,
                    started=row is not None or any(ref.quiz_id in mine for ref in refs[lesson.pk]),
                    completed=marked and not pending and not activities,
                    marked_done=marked,
                    quizzes_pending=pending,
                    h5p_pending=activities,
                    seconds_on_task=row.seconds_on_task if row else 0,
                    started_at=row.started_at if row else None,
                    last_seen_at=row.last_seen_at if row else None,
                    completed_at=row.completed_at if row else None,
                    quizzes=[(ref, mine.get(ref.quiz_id)) for ref in refs[lesson.pk]],
                )
            )
        outlines[learner_id] = outline
    return outlines


def course_locked_by(*, learner, course: CoursePage) -> list[CoursePage]:
    """The prerequisites of ``course`` that ``learner`` has not completed yet (one query)."""
    done = Enrollment.objects.filter(learner=learner, course=OuterRef("pk"), completed_at__isnull=False)
    return list(CoursePage.objects.filter(required_by=course).filter(~Exists(done)).order_by("title"))


@dataclass
class CourseAt:
    """A course and the ids of its prerequisites, as kept in the shared content cache."""

    course: CoursePage
    prerequisite_ids: frozenset[int]


def course_at(course_path: str) -> CourseAt | None:
    """The course at ``course_path`` (shared cache, or two queries when cold)."""

    def build():
        course = CoursePage.objects.filter(path=course_path).first()
        if course is None:
            return None
        return CourseAt(course, frozenset(course.prerequisites.values_list("pk", flat=True)))

    return cached(f"course:{course_path}", build)


def learner_enrollment(*, learner, course_path: str) -> Enrollment | None:
    """The learner's enrolment in the course at ``course_path``, with the course itself and
    ``locked`` (a prerequisite not completed yet); None when not enrolled. One light query on the
    learner's enrolments; the course and its prerequisites come from the shared cache."""
    found = course_at(course_path)
    if found is None:
        return None
    rows = {
        row[1]: row
        for row in Enrollment.objects.filter(learner=learner).values_list(
            "pk", "course_id", "source", "enrolled_at", "completed_at"
        )
    }
    row = rows.get(found.course.pk)
    if row is None:
        return None
    pk, course_id, source, enrolled_at, completed_at = row
    enrollment = Enrollment(
        pk=pk, learner=learner, course_id=course_id, source=source, enrolled_at=enrolled_at, completed_at=completed_at
    )
    enrollment._state.adding = False
    enrollment.course = found.course
    completed = {other[1] for other in rows.values() if other[4] is not None}
    enrollment.locked = not found.prerequisite_ids <= completed
    return enrollment


def is_enrolled(*, learner, course: CoursePage) -> bool:
    return Enrollment.objects.filter(learner=learner, course=course).exists()


def learner_course_outlines(*, learner) -> list[CourseOutline]:
    courses = CoursePage.objects.live().filter(enrollments__learner=learner).order_by("title")
    outlines = []
    for course in courses:
        outline = course_outline(learner=learner, course=course)
        outline.locked_by = course_locked_by(learner=learner, course=course)
        outlines.append(outline)
    return outlines


def resume_target(outlines: list[CourseOutline]) -> tuple[CourseOutline, LessonPage] | None:
    """Where the learner home's one "Lanjutkan" button goes: the next unfinished lesson of the
    unfinished course worked on most recently (or the first unfinished course, if none started)."""
    open_ = [outline for outline in outlines if outline.next_lesson is not None and not outline.locked_by]
    if not open_:
        return None

    def last_touched(outline: CourseOutline):
        times = [t for item in outline.items for t in (item.last_seen_at, item.completed_at, item.started_at) if t]
        return max(times, default=None)

    started = [outline for outline in open_ if last_touched(outline) is not None]
    chosen = max(started, key=last_touched) if started else open_[0]
    return chosen, chosen.next_lesson
