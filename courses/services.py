"""Writes on learning: enrolment, opening and completing lessons, completing courses.

Completing the last lesson, or passing the last required quiz (``courses.quizzes.services``),
completes the course once (:func:`course_complete_if_done` locks the enrolment row) and sends
``course_completed``; the certificates app listens and issues the certificate.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.accounts.models import Cohort, User
from lms.audit.services import audit_record

from .models import CoursePage, Enrollment, LessonPage, LessonProgress
from .selectors import course_locked_by, course_outline
from .signals import course_completed, lesson_time_recorded


def enrollment_sync_cohort(*, cohort: Cohort) -> int:
    """Enrol every learner of ``cohort`` in every course assigned to it; returns rows created."""
    created = 0
    courses = list(cohort.courses.all())
    for learner in cohort.learners.filter(is_active=True):
        for course in courses:
            _, made = Enrollment.objects.get_or_create(
                learner=learner, course=course, defaults={"source": Enrollment.Source.COHORT}
            )
            created += made
    return created


def cohort_assign(
    *, actor: User | None, cohort: Cohort, learners: list[User] = (), courses: list[CoursePage] = ()
) -> int:
    """Add learners and courses to a cohort and enrol its learners in its courses."""
    if actor is not None:
        permissions.require(actor, "learner.manage", facility=cohort.facility)
    if any(learner.facility_id != cohort.facility_id or not learner.is_learner for learner in learners):
        raise PermissionDenied("learner outside the cohort's facility")
    with transaction.atomic():
        cohort.learners.add(*learners)
        cohort.courses.add(*courses)
        created = enrollment_sync_cohort(cohort=cohort)
        audit_record(
            actor=actor,
            action="cohort.assign",
            target=cohort,
            facility=cohort.facility,
            data={"learners": [u.pk for u in learners], "courses": [c.pk for c in courses]},
        )
    return created


def _require_cohort(actor: User, cohort: Cohort) -> None:
    from lms.accounts.selectors import cohorts_visible_to

    permissions.require(actor, "course.assign", facility=cohort.facility_id)
    if not cohorts_visible_to(actor).filter(pk=cohort.pk).exists():  # instructors: only cohorts they teach
        raise PermissionDenied("cohort not taught by this officer")


def cohort_course_add(*, actor: User, cohort: Cohort, course: CoursePage) -> int:
    """Assign ``course`` to ``cohort``: every learner in it now, and everyone who joins later, is enrolled."""
    _require_cohort(actor, cohort)
    if not course.live:
        raise ValidationError(_("This course is not published yet."))
    if course.audience == CoursePage.Audience.OFFICERS:
        raise ValidationError(_("This course is for officers; learners (WBP) cannot be enrolled in it."))
    with transaction.atomic():
        cohort.courses.add(course)
        created = enrollment_sync_cohort(cohort=cohort)
        audit_record(
            actor=actor,
            action="cohort.course_add",
            target=cohort,
            facility=cohort.facility_id,
            data={"course": course.title, "enrolled": created},
        )
    return created


def cohort_course_remove(*, actor: User, cohort: Cohort, course: CoursePage) -> None:
    """Stop assigning ``course`` to ``cohort``. Learners already enrolled keep their enrolment and progress."""
    _require_cohort(actor, cohort)
    with transaction.atomic():
        cohort.courses.remove(course)
        audit_record(
            actor=actor,
            action="cohort.course_remove",
            target=cohort,
            facility=cohort.facility_id,
            data={"course": course.title},
        )


def enrollment_add(*, actor: User, learner: User, course: CoursePage) -> Enrollment:
    """Enrol one learner in one course (an instructor: only a learner of a cohort they teach)."""
    permissions.require(actor, "course.assign", facility=learner.facility_id, owner=learner)
    if not learner.is_active or not learner.is_learner:
        raise ValidationError(_("Only active learners can be enrolled."))
    if not course.live:
        raise ValidationError(_("This course is not published yet."))
    if not course.is_for(learner):
        raise ValidationError(_("This course is for officers; learners (WBP) cannot be enrolled in it."))
    return _enrol_individually(actor=actor, learner=learner, course=course)


def _enrol_individually(*, actor: User, learner: User, course: CoursePage) -> Enrollment:
    with transaction.atomic():
        enrollment, created = Enrollment.objects.get_or_create(
            learner=learner, course=course, defaults={"source": Enrollment.Source.INDIVIDUAL}
        )
        if created:
            audit_record(
                actor=actor,
                action="enrollment.add",
                target=learner,
                facility=learner.facility_id,
                data={"course": course.title},
            )
    return enrollment


def enrollment_join(*, officer: User, course: CoursePage) -> Enrollment:
    """An officer enrols themselves in a live course made for officers (audience officers or both)."""
    if not permissions.is_officer(officer):
        raise PermissionDenied("only officers enrol themselves")
    if not course.live:
        raise ValidationError(_("This course is not published yet."))
    if not course.is_for(officer):
        raise ValidationError(_("This course is for learners (WBP), not for officers."))
    return _enrol_individually(actor=officer, learner=officer, course=course)


def enrollment_remove(*, actor: User, learner: User, course: CoursePage) -> None:
    """Unenrol a learner. Their lesson progress and quiz attempts are kept (and count again if re-enrolled)."""
    permissions.require(actor, "course.assign", facility=learner.facility_id, owner=learner)
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().filter(learner=learner, course=course).first()
        if enrollment is None:
            return
        if enrollment.completed_at is not None:
            raise ValidationError(_("The learner has finished this course; the enrolment stays."))
        if Cohort.objects.filter(learners=learner, courses=course).exists():
            raise ValidationError(
                _(
                    "The learner's cohort has this course. First remove the course from the cohort, "
                    "or the learner from the cohort."
                )
            )
        enrollment.delete()
        audit_record(
            actor=actor,
            action="enrollment.remove",
            target=learner,
            facility=learner.facility_id,
            data={"course": course.title},
        )


def lesson_open(*, learner: User, lesson: LessonPage) -> LessonProgress:
    progress, _ = LessonProgress.objects.get_or_create(learner=learner, lesson=lesson)
    return progress


# Time on task. A beat adds the time since the previous beat, never more than BEAT_CAP (a page
# left open in a hidden tab, a terminal that slept); beats closer than BEAT_MIN_GAP (a double
# send, a second tab) add nothing and leave the clock where it was.
BEAT_CAP = timedelta(seconds=60)
BEAT_MIN_GAP = timedelta(seconds=10)


def lesson_heartbeat(*, learner: User, lesson: LessonPage, start: bool = False, now: datetime | None = None) -> int:
    """Count time on ``lesson`` for ``learner``; returns the seconds added (0 for a refused or early beat).

    The lesson page beats every ~30 s while it is visible, and once with ``start`` when it
    becomes visible (which only starts the clock: the time before it was not on task). The
    duration is measured here, from ``last_seen_at``; nothing the browser sends says how long.
    The update is a compare-and-set on ``last_seen_at`` with ``F()``: of two beats racing from
    the same previous beat, one adds the time and the other adds nothing.
    """
    permissions.require(learner, "course.learn")
    if not Enrollment.objects.filter(learner=learner, course=lesson.course()).exists():
        raise PermissionDenied("not enrolled")
    now = now or timezone.now()
    progress, _ = LessonProgress.objects.get_or_create(learner=learner, lesson=lesson)
    previous = progress.last_seen_at
    rows = (
        LessonProgress.objects.filter(pk=progress.pk, last_seen_at=previous)
        if previous
        else (LessonProgress.objects.filter(pk=progress.pk, last_seen_at__isnull=True))
    )
    if start or previous is None or now < previous:
        if rows.update(last_seen_at=now):
            lesson_time_recorded.send(sender=LessonProgress, learner=learner, lesson=lesson)
        return 0
    elapsed = now - previous
    if elapsed < BEAT_MIN_GAP:
        return 0
    seconds = int(min(elapsed, BEAT_CAP).total_seconds())
    updated = rows.update(seconds_on_task=F("seconds_on_task") + seconds, last_seen_at=now)
    if updated:
        lesson_time_recorded.send(sender=LessonProgress, learner=learner, lesson=lesson)
    return seconds if updated else 0


def lesson_complete(*, learner: User, lesson: LessonPage) -> LessonProgress:
    course = lesson.course()
    permissions.require(learner, "course.learn")
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().filter(learner=learner, course=course).first()
        if enrollment is None:
            raise PermissionDenied("not enrolled")
        if course_locked_by(learner=learner, course=course):
            raise PermissionDenied("course locked by its prerequisites")
        progress, _ = LessonProgress.objects.get_or_create(learner=learner, lesson=lesson)
        if progress.completed_at is None:
            progress.completed_at = timezone.now()
            progress.save(update_fields=["completed_at"])
        course_complete_if_done(learner=learner, course=course)
    return progress


def course_complete_if_done(*, learner: User, course: CoursePage) -> bool:
    """Complete the enrolment once every lesson is done and every required quiz passed.

    Call inside the transaction that made the last change. Returns True only for the call that
    completed the course; later calls find ``completed_at`` set (under the row lock) and do nothing,
    so ``course_completed`` (and with it the certificate) is sent once.
    """
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().filter(learner=learner, course=course).first()
        if enrollment is None or enrollment.completed_at is not None:
            return False
        if not course_outline(learner=learner, course=course).is_complete:
            return False
        enrollment.completed_at = timezone.now()
        enrollment.save(update_fields=["completed_at"])
        audit_record(actor=learner, action="course.complete", target=enrollment, facility=learner.facility_id)
        course_completed.send(sender=Enrollment, learner=learner, course=course, enrollment=enrollment)
    return True


def courses_complete_if_done(*, learner: User) -> int:
    """Complete every unfinished enrolment of ``learner`` that is now done (e.g. after a practicum)."""
    pending = Enrollment.objects.filter(learner=learner, completed_at__isnull=True).select_related("course")
    return sum(course_complete_if_done(learner=learner, course=enrollment.course) for enrollment in pending)
