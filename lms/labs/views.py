from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.accounts import permissions
from lms.accounts.decorators import officer_required

from . import selectors, services
from .forms import LabOpenForm, LabSettingsForm, TerminalForm
from .models import FacilityLabSettings, LearnerSession, Terminal


def _facility(request, code: str, action: str):
    facility = get_object_or_404(permissions.facilities_visible_to(request.user), code=code.upper())
    if not permissions.can(request.user, action, facility=facility):
        raise PermissionDenied(action)
    return facility


@officer_required
def lab_index(request):
    facilities = permissions.facilities_visible_to(request.user)
    if request.user.facility_id and facilities.filter(pk=request.user.facility_id).exists():
        return redirect("lab_home", code=request.user.facility.code)
    return render(request, "labs/choose_facility.html", {"facilities": facilities})


@officer_required
def lab_home(request, code):
    facility = _facility(request, code, "lab.manage")
    now = selectors.facility_now(facility)
    default_end = (now + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
    context = {
        "facility": facility,
        "lab": FacilityLabSettings.for_facility(facility.pk),
        "current": services.lab_session_current(facility.pk),
        "form": LabOpenForm(initial={"planned_end": default_end.time()}),
        "learner_count": len(selectors.live_sessions(facility)),
        "terminal_count": Terminal.objects.filter(facility=facility, active=True).count(),
        "can_manage_terminals": permissions.can(request.user, "terminal.manage", facility=facility),
        "can_configure": permissions.can(request.user, "lab.configure", facility=facility),
    }
    return render(request, "labs/lab_home.html", context)


@require_POST
@officer_required
def lab_open(request, code):
    facility = _facility(request, code, "lab.manage")
    form = LabOpenForm(request.POST)
    if form.is_valid():
        zone = ZoneInfo(facility.timezone)
        today = selectors.facility_now(facility).date()
        planned_end = datetime.combine(today, form.cleaned_data["planned_end"], tzinfo=zone)
        try:
            services.lab_session_open(actor=request.user, facility=facility, planned_end=planned_end)
        except services.LabError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The lab is open until %(time)s.") % {"time": planned_end.strftime("%H:%M")})
    else:
        messages.error(request, _("Enter the planned end time, for example 15:30."))
    return redirect("lab_home", code=facility.code)


@require_POST
@officer_required
def lab_close(request, code):
    facility = _facility(request, code, "lab.manage")
    current = services.lab_session_current(facility.pk)
    if current is not None:
        services.lab_session_close(actor=request.user, lab_session=current)
        messages.success(request, _("The lab session is closed."))
    return redirect("lab_home", code=facility.code)


@officer_required
def lab_live(request, code):
    facility = _facility(request, code, "lab.manage")
    context = {
        "facility": facility,
        "current": services.lab_session_current(facility.pk),
        "rows": selectors.live_sessions(facility),
    }
    return render(request, "labs/lab_live.html", context)


@never_cache
@officer_required
def lab_live_data(request, code):
    facility = _facility(request, code, "lab.manage")
    current = services.lab_session_current(facility.pk)
    zone = ZoneInfo(facility.timezone)
    return JsonResponse(
        {
            "lab_open": current is not None,
            "planned_end": timezone.localtime(current.planned_end, zone).strftime("%H:%M") if current else "",
            "updated": selectors.facility_now(facility).strftime("%H:%M:%S"),
            "sessions": selectors.live_sessions(facility),
        }
    )


@require_POST
@officer_required
def lab_end_learner_session(request, code, session_id):
    facility = _facility(request, code, "lab.manage")
    learner_session = get_object_or_404(
        LearnerSession.objects.select_related("learner"), pk=session_id, facility=facility
    )
    services.learner_session_end_by_officer(actor=request.user, learner_session=learner_session)
    messages.success(request, _("%(name)s is signed out.") % {"name": learner_session.learner.display_name})
    return redirect("lab_live", code=facility.code)


@officer_required
def terminal_list(request, code):
    facility = _facility(request, code, "terminal.manage")
    form = TerminalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            terminal = services.terminal_register(actor=request.user, facility=facility, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("This browser is now the terminal “%(name)s”.") % {"name": terminal.name})
            response = redirect("lab_terminals", code=facility.code)
            services.terminal_cookie_set(response, terminal)
            return response
    this = services.terminal_from_request(request)
    context = {
        "facility": facility,
        "form": form,
        "terminals": Terminal.objects.filter(facility=facility).select_related("registered_by"),
        "this_terminal": this if services.terminal_valid_for(this, facility.pk) else None,
    }
    return render(request, "labs/terminals.html", context, status=400 if form.errors else 200)


@require_POST
@officer_required
def terminal_revoke(request, code, terminal_id):
    facility = _facility(request, code, "terminal.manage")
    terminal = get_object_or_404(Terminal, pk=terminal_id, facility=facility)
    services.terminal_revoke(actor=request.user, terminal=terminal)
    messages.success(request, _("The terminal “%(name)s” is revoked.") % {"name": terminal.name})
    return redirect("lab_terminals", code=facility.code)


@officer_required
def lab_settings(request, code):
    facility = _facility(request, code, "lab.configure")
    lab = FacilityLabSettings.for_facility(facility.pk)
    form = LabSettingsForm(request.POST or None, instance=lab)
    if request.method == "POST" and form.is_valid():
        services.lab_settings_update(actor=request.user, facility=facility, **form.cleaned_data)
        messages.success(request, _("The lab settings are saved."))
        return redirect("lab_home", code=facility.code)
    context = {
        "facility": facility,
        "form": form,
        "terminal_count": Terminal.objects.filter(facility=facility, active=True).count(),
    }
    return render(request, "labs/settings.html", context, status=400 if form.errors else 200)


# --- Learner side ---------------------------------------------------------------------------


@require_POST
def learner_heartbeat(request):
    """The page saw keys or mouse: the middleware already counted it as activity."""
    learner_session = getattr(request, "learner_session", None)
    if not permissions.is_learner(request.user) or learner_session is None:
        return JsonResponse({"signed_out": True}, status=401)
    fields = {"last_seen_at": timezone.now()}
    title = request.POST.get("title", "")[:200]
    if title and request.POST.get("path", "") == learner_session.current_path:
        fields["current_title"] = title
    LearnerSession.objects.filter(pk=learner_session.pk).update(**fields)
    lab = FacilityLabSettings.for_facility(request.user.facility_id)
    return JsonResponse({"remaining_seconds": lab.idle_timeout_minutes * 60})


@require_POST
def learner_timeout(request):
    """The page's countdown reached zero: sign out as idle."""
    if permissions.is_learner(request.user):
        minutes = FacilityLabSettings.for_facility(request.user.facility_id).idle_timeout_minutes
        services.learner_session_end_current(request, LearnerSession.EndReason.IDLE)
        logout(request)
        messages.warning(
            request, _("You were signed out after %(minutes)d minutes without activity.") % {"minutes": minutes}
        )
    response = redirect("learner_login")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
