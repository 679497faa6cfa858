"""Reads on people: the learner list with its filters, and everything held about one learner."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lms.audit.models import AuditEvent

from . import permissions
from .models import Cohort, User


def learner_list(*, user, search: str = "", cohort_id: int | None = None, status: str = "") -> QuerySet[User]:
    learners = permissions.learners_visible_to(user).select_related("facility").prefetch_related("cohorts")
    if search:
        learners = learners.filter(Q(full_name__icontains=search) | Q(registration_number__icontains=search))
    if cohort_id:
        learners = learners.filter(cohorts__pk=cohort_id)
    if status == "active":
        learners = learners.filter(is_active=True)
    elif status == "inactive":
        learners = learners.filter(is_active=False)
    return learners.order_by("facility__code", "registration_number").distinct()


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    cohorts = permissions.scope(Cohort.objects.select_related("facility"), user, facility="facility")
    if getattr(user, "role", None) == User.Role.INSTRUCTOR and not user.is_superuser:
        cohorts = cohorts.filter(instructors=user)
    return cohorts.order_by("facility__code", "name")


def learner_personal_data(*, learner: User) -> dict:
    """Everything Bekal holds about one learner, as plain data (for JSON and CSV export)."""
    from certificates.models import Certificate
    from courses.h5p.models import H5PAttempt, H5PUserState
    from courses.models import Enrollment, LessonProgress
    from courses.quizzes.models import QuizAttempt
    from sandbox_shop.models import PracticeListing

    def when(value):
        return value.isoformat() if value else None

    return {
        "profile": {
            "full_name": learner.full_name,
            "registration_number": learner.registration_number,
            "facility": f"{learner.facility.name} ({learner.facility.code})",
            "birth_year": learner.birth_year,
            "gender": learner.get_gender_display() if learner.gender else None,
            "active": learner.is_active,
            "must_change_pin": learner.must_change_pin,
            "created": when(learner.date_joined),
            "last_sign_in": when(learner.last_login),
            "deactivated": when(learner.deactivated_at),
        },
        "cohorts": [c.name for c in learner.cohorts.all()],
        "transfers": [
            {
                "time": when(t.created_at),
                "from": t.from_facility.code,
                "to": t.to_facility.code,
                "from_registration_number": t.from_registration_number,
                "to_registration_number": t.to_registration_number,
                "cohorts_left": t.removed_cohorts,
            }
            for t in learner.transfers.select_related("from_facility", "to_facility").order_by("created_at")
        ],
        "enrollments": [
            {"course": e.course.title, "enrolled": when(e.enrolled_at), "completed": when(e.completed_at)}
            for e in Enrollment.objects.filter(learner=learner).select_related("course").order_by("enrolled_at")
        ],
        "lesson_progress": [
            {
                "lesson": p.lesson.title,
                "started": when(p.started_at),
                "completed": when(p.completed_at),
                "seconds_on_task": p.seconds_on_task,
            }
            for p in LessonProgress.objects.filter(learner=learner).select_related("lesson").order_by("started_at")
        ],
        "quiz_attempts": [
            {
                "quiz": a.quiz.title,
                "started": when(a.started_at),
                "submitted": when(a.submitted_at),
                "answers": a.answers,
                "score": str(a.score) if a.score is not None else None,
                "passed": a.passed,
            }
            for a in QuizAttempt.objects.filter(learner=learner).select_related("quiz").order_by("started_at", "pk")
        ],
        "h5p_attempts": [
            {
                "activity": a.package.title,
                "lesson": a.lesson.title,
                "started": when(a.started_at),
                "completed": when(a.completed_at),
                "score": str(a.score_raw) if a.score_raw is not None else None,
                "score_max": str(a.score_max) if a.score_max is not None else None,
                "passed": a.success,
            }
            for a in H5PAttempt.objects.filter(learner=learner)
            .select_related("package", "lesson")
            .order_by("started_at", "pk")
        ],
        "h5p_saved_state": [
            {"activity": s.package.title, "lesson": s.lesson.title, "updated": when(s.updated_at), "data": s.data}
            for s in H5PUserState.objects.filter(learner=learner).select_related("package", "lesson").order_by("pk")
        ],
        "practice_listings": [
            {"title": listing.title, "status": listing.status, "price": listing.price}
            for listing in PracticeListing.objects.filter(learner=learner).order_by("pk")
        ],
        "certificates": [
            {
                "serial": c.serial,
                "course": c.course_title,
                "issued": when(c.issued_on),
                "revoked": when(c.revoked_at),
            }
            for c in Certificate.objects.filter(learner=learner).order_by("issued_on")
        ],
        "activity_log": [
            {"time": when(e.created_at), "action": e.action, "terminal": e.terminal, "ip": e.ip}
            for e in AuditEvent.objects.filter(target_type="accounts.user", target_id=str(learner.pk)).order_by(
                "created_at", "pk"
            )
        ],
    }


def personal_data_rows(data: dict) -> list[list[str]]:
    """The same data flattened to (section, item, field, value) rows for a CSV file."""
    rows = [["section", "item", "field", "value"]]
    for section, value in data.items():
        if isinstance(value, dict):
            rows += [[section, "", key, "" if v is None else str(v)] for key, v in value.items()]
        else:
            for index, item in enumerate(value, start=1):
                if isinstance(item, dict):
                    rows += [[section, str(index), key, "" if v is None else str(v)] for key, v in item.items()]
                else:
                    rows.append([section, str(index), "", str(item)])
    return rows
