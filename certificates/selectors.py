"""Reads on certificates, always through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from lms.accounts import selectors as account_selectors

from .models import Certificate


def certificates_visible_to(user):
    return Certificate.objects.visible_to(user).select_related("course", "facility", "replaced_by")


def cohorts_visible_to(user):
    """The cohorts whose certificates ``user`` handles: instructors only the cohorts they teach."""
    return account_selectors.cohorts_visible_to(user)


@dataclass
class CourseProgress:
    course: object
    learners: int
    completed: int
    issued: int
    ready: int

    @property
    def pending(self) -> int:
        return self.issued - self.ready

    @property
    def percent(self) -> int:
        return round(100 * self.ready / self.issued) if self.issued else 0

    def as_json(self) -> dict:
        return {
            "course": self.course.pk,
            "learners": self.learners,
            "completed": self.completed,
            "issued": self.issued,
            "ready": self.ready,
            "pending": self.pending,
            "percent": self.percent,
        }


def cohort_certificate_progress(*, cohort) -> list[CourseProgress]:
    """Per course of ``cohort``: how many learners finished, have a certificate, have it rendered."""
    from courses.models import Enrollment

    learner_ids = list(cohort.learners.values_list("pk", flat=True))
    rows = []
    for course in cohort.courses.order_by("title"):
        current = Certificate.objects.current().filter(course=course, learner__in=learner_ids)
        rows.append(
            CourseProgress(
                course=course,
                learners=len(learner_ids),
                completed=Enrollment.objects.filter(
                    course=course, learner__in=learner_ids, completed_at__isnull=False
                ).count(),
                issued=current.count(),
                ready=current.filter(status=Certificate.Status.READY).count(),
            )
        )
    return rows


def cohort_certificates(*, user, cohort, course=None):
    """The current, rendered certificates of ``cohort``'s learners that ``user`` may download."""
    qs = (
        certificates_visible_to(user)
        .current()
        .filter(learner__in=cohort.learners.all(), course__in=cohort.courses.all(), status=Certificate.Status.READY)
    )
    if course is not None:
        qs = qs.filter(course=course)
    return qs.order_by("course_title", "serial")


def certificate_counts(user):
    """Certificates per course and facility, for administrators' overview."""
    return (
        Certificate.objects.visible_to(user)
        .values("course", "course_title", "facility__code", "facility_name")
        .annotate(
            total=Count("pk"),
            current=Count("pk", filter=Q(revoked_at__isnull=True)),
            revoked=Count("pk", filter=Q(revoked_at__isnull=False, replaced_by__isnull=True)),
            replaced=Count("pk", filter=Q(replaced_by__isnull=False)),
            pending=Count("pk", filter=Q(status=Certificate.Status.PENDING)),
        )
        .order_by("facility__code", "course_title")
    )
