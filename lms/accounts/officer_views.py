"""Officer pages for learner accounts: list, create, CSV import, detail actions, cards, invitations.

Views only read forms and call services (``services.py``) or selectors (``selectors.py``).
"""

from __future__ import annotations

import csv
import io
import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import permissions, services
from .cards import card_for, cards_pdf
from .decorators import officer_required
from .forms import (
    DeactivateForm,
    InvitationAcceptForm,
    InvitationForm,
    LearnerCreateForm,
    LearnerImportForm,
    TransferForm,
)
from .models import Facility, ImportBatch, Invitation, Region, User
from .selectors import cohorts_visible_to, learner_list

FRESH_PINS = "bekal_fresh_pins"  # session key: learner id -> PIN just set, for printing the card


def _remember_pin(request, learner: User, pin: str) -> None:
    pins = request.session.get(FRESH_PINS, {})
    pins[str(learner.pk)] = pin
    request.session[FRESH_PINS] = pins


def _admin_facilities(user):
    return (
        permissions.facilities_visible_to(user) if permissions.can(user, "learner.admin") else Facility.objects.none()
    )


def _learner_or_404(request, learner_id: int) -> User:
    return get_object_or_404(permissions.learners_visible_to(request.user).select_related("facility"), pk=learner_id)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form: on its field when the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@officer_required
def learner_list_view(request):
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    cohorts = cohorts_visible_to(request.user)
    try:
        cohort_id = int(request.GET.get("cohort") or 0)
    except ValueError:
        cohort_id = 0
    learners = learner_list(user=request.user, search=search, cohort_id=cohort_id, status=status)
    page = Paginator(learners, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/officer/learner_list.html",
        {
            "page": page,
            "cohorts": cohorts,
            "q": search,
            "status": status,
            "cohort_id": cohort_id,
            "can_admin": permissions.can(request.user, "learner.admin"),
            "query": _query_without_page(request),
        },
    )


@officer_required
def learner_create_view(request):
    if not permissions.can(request.user, "learner.admin"):
        raise PermissionDenied
    facilities = _admin_facilities(request.user)
    cohorts = cohorts_visible_to(request.user)
    form = LearnerCreateForm(request.POST or None, facilities=facilities, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pin = services.generate_pin()
        try:
            learner = services.learner_create(
                actor=request.user,
                facility=data["facility"],
                registration_number=data["registration_number"],
                full_name=data["full_name"],
                pin=pin,
                cohort=data["cohort"],
                birth_year=data["birth_year"],
                gender=data["gender"] or "",
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            _remember_pin(request, learner, pin)
            return render(request, "accounts/officer/learner_pin.html", {"learner": learner, "pin": pin, "new": True})
    return render(request, "accounts/officer/learner_create.html", {"form": form})


@officer_required
def learner_detail_view(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    user = request.user
    transfer_facilities = (
        permissions.facilities_visible_to(user).exclude(pk=learner.facility_id)
        if permissions.can(user, "learner.transfer", facility=learner.facility_id)
        else Facility.objects.none()
    )
    return render(
        request,
        "accounts/officer/learner_detail.html",
        {
            "learner": learner,
            "locked": services.learner_is_locked(learner),
            "can_manage": permissions.can(user, "learner.manage", facility=learner.facility_id, owner=learner),
            "can_export": permissions.can(user, "learner.export", facility=learner.facility_id),
            "can_transfer": transfer_facilities.exists(),
            "transfers": learner.transfers.select_related("from_facility", "to_facility", "actor"),
            "cohorts": learner.cohorts.all(),
            "has_fresh_pin": str(learner.pk) in request.session.get(FRESH_PINS, {}),
            "deactivate_form": DeactivateForm(),
        },
    )


@officer_required
@require_POST
def learner_reset_pin_view(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    pin = services.learner_reset_pin(actor=request.user, learner=learner)
    _remember_pin(request, learner, pin)
    return render(request, "accounts/officer/learner_pin.html", {"learner": learner, "pin": pin, "new": False})


@officer_required
@never_cache
def learner_card_view(request, learner_id: int):
    """The card of a learner whose PIN this officer has just set (PINs are stored hashed)."""
    learner = _learner_or_404(request, learner_id)
    pin = request.session.get(FRESH_PINS, {}).get(str(learner.pk))
    if pin is None:
        messages.error(
            request, _("The PIN is stored secretly and cannot be printed again. Reset the PIN to print a new card.")
        )
        return redirect("officer_learner_detail", learner_id=learner.pk)
    return _pdf(cards_pdf([card_for(learner, pin)]), f"kartu-{learner.registration_number}.pdf")


@officer_required
@require_POST
def learner_cards_view(request):
    """Cards for the selected learners, or a whole cohort: every PIN is reset first (say so in the form)."""
    visible = permissions.learners_visible_to(request.user).filter(is_active=True).select_related("facility")
    ids = [int(i) for i in request.POST.getlist("learners") if i.isdigit()]
    cohort_id = request.POST.get("cohort", "")
    if cohort_id.isdigit() and not ids:
        cohort = get_object_or_404(cohorts_visible_to(request.user), pk=int(cohort_id))
        learners = list(visible.filter(cohorts=cohort).order_by("registration_number"))
    else:
        learners = list(visible.filter(pk__in=ids).order_by("registration_number"))
    back = reverse("officer_learner_list") + ("?" + request.POST.get("back", "") if request.POST.get("back") else "")
    if not learners:
        messages.error(request, _("Choose at least one active learner (or a cohort) to print cards for."))
        return redirect(back)
    if request.POST.get("confirm_reset") != "yes":
        messages.error(
            request,
            _("Printing cards gives every chosen learner a new PIN. Tick the box to confirm the PIN reset."),
        )
        return redirect(back)
    data = services.learners_print_cards(actor=request.user, learners=learners)
    return _pdf(data, "kartu-masuk.pdf")


@officer_required
@require_POST
def learner_unlock_view(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    services.learner_unlock(actor=request.user, learner=learner)
    messages.success(request, _("The account is unlocked; the learner can try the PIN again."))
    return redirect("officer_learner_detail", learner_id=learner.pk)


@officer_required
@require_POST
def learner_deactivate_view(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    form = DeactivateForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.learner_deactivate(actor=request.user, learner=learner, reason=reason)
    messages.success(request, _("The learner is deactivated. Their records are kept; they can no longer sign in."))
    return redirect("officer_learner_detail", learner_id=learner.pk)


@officer_required
@require_POST
def learner_reactivate_view(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    services.learner_reactivate(actor=request.user, learner=learner)
    messages.success(request, _("The learner is active again and can sign in."))
    return redirect("officer_learner_detail", learner_id=learner.pk)


@officer_required
def learner_transfer_view(request, learner_id: int):
    learner = _learner_or_404(request, learner_id)
    if not permissions.can(request.user, "learner.transfer", facility=learner.facility_id):
        raise PermissionDenied
    facilities = permissions.facilities_visible_to(request.user).exclude(pk=learner.facility_id)
    form = TransferForm(request.POST or None, facilities=facilities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.learner_transfer(
                actor=request.user,
                learner=learner,
                to_facility=data["to_facility"],
                registration_number=data["registration_number"],
                note=data["note"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now in %(facility)s. Enrolments, progress and certificates are kept.")
                % {"name": learner.display_name, "facility": data["to_facility"].name},
            )
            return redirect("officer_learner_detail", learner_id=learner.pk)
    return render(request, "accounts/officer/learner_transfer.html", {"learner": learner, "form": form})


@officer_required
@never_cache
def learner_export_view(request, learner_id: int, fmt: str):
    learner = _learner_or_404(request, learner_id)
    if fmt not in {"json", "csv"}:
        raise Http404
    data = services.learner_export_personal_data(actor=request.user, learner=learner, fmt=fmt)
    name = f"data-{learner.facility.code}-{learner.registration_number}".replace("/", "-")
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    else:
        from .selectors import personal_data_rows

        out = io.StringIO()
        csv.writer(out).writerows(personal_data_rows(data))
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


# --- CSV import --------------------------------------------------------------------------------------


@officer_required
def learner_import_view(request):
    if not permissions.can(request.user, "learner.admin"):
        raise PermissionDenied
    form = LearnerImportForm(request.POST or None, request.FILES or None, facilities=_admin_facilities(request.user))
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch, errors = services.learner_import_check(
            actor=request.user, facility=form.cleaned_data["facility"], data=upload.read(), filename=upload.name
        )
        if batch is not None:
            return redirect("officer_learner_import_batch", batch_id=batch.pk)
    return render(
        request,
        "accounts/officer/learner_import.html",
        {"form": form, "errors": errors},
        status=400 if errors else 200,
    )


def _batch_or_404(request, batch_id) -> ImportBatch:
    batch = get_object_or_404(ImportBatch.objects.select_related("facility"), pk=batch_id)
    if not permissions.can(request.user, "learner.admin", facility=batch.facility_id):
        raise Http404
    return batch


@officer_required
def learner_import_batch_view(request, batch_id):
    batch = _batch_or_404(request, batch_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        batch = services.learner_import(actor=request.user, batch=batch)
        return redirect("officer_learner_import_batch", batch_id=batch.pk)
    return render(
        request,
        "accounts/officer/learner_import_batch.html",
        {"batch": batch, "rows": batch.rows[:500], "more": max(0, len(batch.rows) - 500)},
    )


@officer_required
@never_cache
def learner_import_status_view(request, batch_id):
    batch = _batch_or_404(request, batch_id)
    progress = cache.get(services.import_progress_key(batch.pk)) or {}
    total = len(batch.rows)
    done = total if batch.status == ImportBatch.Status.DONE else progress.get("done", 0)
    return JsonResponse(
        {
            "status": batch.status,
            "status_label": batch.get_status_display(),
            "done": done,
            "total": total,
            "percent": int(100 * done / total) if total else 100,
            "finished": batch.status in {ImportBatch.Status.DONE, ImportBatch.Status.FAILED},
            "error": batch.error,
        }
    )


@officer_required
@never_cache
def learner_import_cards_view(request, batch_id):
    batch = _batch_or_404(request, batch_id)
    if not batch.cards_pdf:
        raise Http404
    response = FileResponse(batch.cards_pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kartu-impor-{batch.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- Invitations ---------------------------------------------------------------------------------------


@officer_required
def invitation_create_view(request):
    roles = permissions.invitable_roles(request.user)
    if not roles:
        raise PermissionDenied
    regions = Region.objects.all() if request.user.is_superuser else Region.objects.none()
    form = InvitationForm(
        request.POST or None,
        roles=roles,
        facilities=permissions.facilities_visible_to(request.user),
        regions=regions,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                actor=request.user,
                email=data["email"],
                role=data["role"],
                facility=data.get("facility"),
                region=data.get("region"),
                full_name=data["full_name"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s. The link works once, for 7 days.")
                % {"email": invitation.email},
            )
            return redirect("officer_invitations")
    sent = Invitation.objects.filter(invited_by=request.user).select_related("facility", "region")[:50]
    return render(request, "accounts/officer/invitations.html", {"form": form, "sent": sent, "now": timezone.now()})


def invitation_accept_view(request, token: str):
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationInvalid as refusal:
        return render(request, "accounts/invitation_invalid.html", {"message": str(refusal)}, status=410)
    form = InvitationAcceptForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                token=token, password=form.cleaned_data["password1"], full_name=form.cleaned_data["full_name"]
            )
        except ValidationError as error:
            form.add_error("password1", error)
        except services.InvitationInvalid as refusal:
            return render(request, "accounts/invitation_invalid.html", {"message": str(refusal)}, status=410)
        else:
            messages.success(request, _("Your account is ready. Sign in with your email and new password."))
            return redirect("account_login")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})
