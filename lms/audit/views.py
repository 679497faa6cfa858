"""The audit trail, read-only: facility administrators see their facility, regional ones their region."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from lms.accounts import permissions
from lms.accounts.decorators import officer_required
from lms.accounts.forms import AuditFilterForm

from .selectors import event_actions, events_filtered


@officer_required
def audit_list(request):
    if not permissions.can(request.user, "audit.view"):
        raise PermissionDenied
    form = AuditFilterForm(
        request.GET or None,
        actions=event_actions(request.user),
        facilities=permissions.facilities_visible_to(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    facility = filters.get("facility")
    events = events_filtered(
        user=request.user,
        action=filters.get("action") or "",
        actor=filters.get("actor") or "",
        facility_id=facility.pk if facility else None,
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/audit_list.html", {"form": form, "page": page, "query": query.urlencode()})
