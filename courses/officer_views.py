"""Officer pages that change enrolment: courses assigned to a cohort, one learner enrolled or not.

Views read the form and call ``courses.services``; the services check permission and audit.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts import permissions
from lms.accounts.decorators import officer_required
from lms.accounts.selectors import cohorts_visible_to

from . import services
from .models import CoursePage


def _course(request) -> CoursePage | None:
    value = request.POST.get("course", "")
    return CoursePage.objects.live().filter(pk=int(value)).first() if value.isdigit() else None


@officer_required
def cohort_list(request):
    cohorts = cohorts_visible_to(request.user).prefetch_related("courses", "learners")
    return render(request, "courses/officer/cohort_list.html", {"cohorts": cohorts})


@officer_required
def cohort_detail(request, cohort_id: int):
    cohort = get_object_or_404(cohorts_visible_to(request.user), pk=cohort_id)
    assigned = list(cohort.courses.live().order_by("title"))
    available = CoursePage.objects.live().exclude(pk__in=[c.pk for c in assigned]).order_by("title")
    learners = permissions.learners_visible_to(request.user).filter(cohorts=cohort, is_active=True)
    return render(
        request,
        "courses/officer/cohort_detail.html",
        {
            "cohort": cohort,
            "assigned": assigned,
            "available": available,
            "learner_count": learners.count(),
            "can_assign": permissions.can(request.user, "course.assign", facility=cohort.facility_id),
        },
    )


@officer_required
@require_POST
def cohort_course_add(request, cohort_id: int):
    cohort = get_object_or_404(cohorts_visible_to(request.user), pk=cohort_id)
    course = _course(request)
    if course is None:
        messages.error(request, _("Choose a course to assign."))
    else:
        try:
            created = services.cohort_course_add(actor=request.user, cohort=cohort, course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(course)s” is assigned to %(cohort)s; %(n)s learners were enrolled.")
                % {"course": course.title, "cohort": cohort.name, "n": created},
            )
    return redirect("officer_cohort_detail", cohort_id=cohort.pk)


@officer_required
@require_POST
def cohort_course_remove(request, cohort_id: int):
    cohort = get_object_or_404(cohorts_visible_to(request.user), pk=cohort_id)
    course = _course(request)
    if course is None:
        messages.error(request, _("Choose a course to stop assigning."))
    else:
        services.cohort_course_remove(actor=request.user, cohort=cohort, course=course)
        messages.success(
            request,
            _("“%(course)s” is no longer assigned to %(cohort)s. Enrolled learners keep their progress.")
            % {"course": course.title, "cohort": cohort.name},
        )
    return redirect("officer_cohort_detail", cohort_id=cohort.pk)


def _learner_or_404(request, learner_id: int):
    return get_object_or_404(permissions.learners_visible_to(request.user), pk=learner_id)


@officer_required
@require_POST
def learner_enrol(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    course = _course(request)
    if course is None:
        messages.error(request, _("Choose a course to enrol the learner in."))
    else:
        try:
            services.enrollment_add(actor=request.user, learner=learner, course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Enrolled in “%(course)s”.") % {"course": course.title})
    return redirect("officer_learner_learning", learner_id=learner.pk)


@officer_required
@require_POST
def learner_unenrol(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    course = _course(request)
    if course is None:
        messages.error(request, _("Choose a course to unenrol the learner from."))
    else:
        try:
            services.enrollment_remove(actor=request.user, learner=learner, course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Unenrolled from “%(course)s”.") % {"course": course.title})
    return redirect("officer_learner_learning", learner_id=learner.pk)
