"""Home pages for learners and officers: what waits for them, scoped to what they may see. Read-only."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from certificates.models import Certificate
from certificates.selectors import certificates_visible_to
from courses.models import CoursePage
from courses.selectors import learner_course_outlines, resume_target
from lms.accounts import permissions
from lms.accounts.decorators import learner_required, officer_required
from lms.accounts.selectors import cohorts_visible_to
from sandbox_shop.models import PracticeListing

from . import selectors


@officer_required
def officer_home(request):
    listings = PracticeListing.objects.visible_to(request.user).select_related("learner", "facility")
    waiting = listings.filter(status=PracticeListing.Status.SUBMITTED).order_by("updated_at")
    recent = listings.exclude(status__in=[PracticeListing.Status.SUBMITTED, PracticeListing.Status.DRAFT])[:10]
    return render(
        request,
        "reports/officer_home.html",
        {
            "waiting": waiting,
            "recent": recent,
            "facilities": permissions.facilities_visible_to(request.user),
            "learner_count": permissions.learners_visible_to(request.user).filter(is_active=True).count(),
            "certificate_count": Certificate.objects.visible_to(request.user).count(),
            "can_see_region": permissions.can(request.user, "report.region"),
            # officers take the courses made for them like any learner
            "my_courses": learner_course_outlines(learner=request.user),
            "officer_courses": CoursePage.objects.live()
            .filter(audience__in=[CoursePage.Audience.OFFICERS, CoursePage.Audience.BOTH])
            .exclude(enrollments__learner=request.user)
            .order_by("title"),
        },
    )


@learner_required
def learner_home(request):
    outlines = learner_course_outlines(learner=request.user)
    return render(
        request,
        "reports/learner_home.html",
        {
            "outlines": outlines,
            "resume": resume_target(outlines),
            "listings": PracticeListing.objects.visible_to(request.user).order_by("-updated_at")[:5],
            "certificates": certificates_visible_to(request.user),
        },
    )


# --- Instructors: progress of a cohort, learners who need help, one learner's learning ---------


def _cohort_or_404(request, cohort_id: int):
    return get_object_or_404(cohorts_visible_to(request.user), pk=cohort_id)


def _grid(request, cohort_id: int, course_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    course = get_object_or_404(cohort.courses.live(), pk=course_id)
    return selectors.cohort_progress_grid(
        cohort=cohort, course=course, learners=permissions.learners_visible_to(request.user).filter(is_active=True)
    )


@officer_required
def cohort_progress(request, cohort_id: int, course_id: int):
    return render(request, "reports/cohort_progress.html", {"grid": _grid(request, cohort_id, course_id)})


@officer_required
def cohort_progress_csv(request, cohort_id: int, course_id: int):
    grid = _grid(request, cohort_id, course_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="progres-{grid.cohort.pk}-{grid.course.slug}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    csv.writer(response).writerows(selectors.progress_grid_rows(grid))
    return response


@officer_required
def cohort_help(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    entries = selectors.cohort_needing_help(cohort=cohort, learners=permissions.learners_visible_to(request.user))
    return render(request, "reports/cohort_help.html", {"cohort": cohort, "entries": entries})


@officer_required
def learner_learning(request, learner_id: int):
    learner = get_object_or_404(permissions.learners_visible_to(request.user).select_related("facility"), pk=learner_id)
    courses = selectors.learner_learning(learner=learner)
    enrolled = {c.enrollment.course_id for c in courses}
    return render(
        request,
        "reports/learner_learning.html",
        {
            "learner": learner,
            "courses": courses,
            "available": CoursePage.objects.live().exclude(pk__in=enrolled).order_by("title"),
            "can_assign": permissions.can(request.user, "course.assign", facility=learner.facility_id, owner=learner),
        },
    )
