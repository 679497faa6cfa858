"""Home pages for learners and officers: what waits for them, scoped to what they may see. Read-only."""

from django.shortcuts import render

from certificates.models import Certificate
from certificates.selectors import certificates_visible_to
from courses.selectors import learner_course_outlines
from lms.accounts import permissions
from lms.accounts.decorators import learner_required, officer_required
from sandbox_shop.models import PracticeListing


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
        },
    )


@learner_required
def learner_home(request):
    return render(
        request,
        "reports/learner_home.html",
        {
            "outlines": learner_course_outlines(learner=request.user),
            "listings": PracticeListing.objects.visible_to(request.user).order_by("-updated_at")[:5],
            "certificates": certificates_visible_to(request.user),
        },
    )
