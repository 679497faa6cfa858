"""Store pages outside Wagtail: the public order form and order page, the officers' order desk,
premi statements and the monthly PNBP and sales report. Thin: services and selectors do the work."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.accounts import permissions
from lms.accounts.decorators import learner_required, officer_required
from lms.accounts.models import User
from lms.audit.context import client_ip

from . import exports, selectors, workflow
from .forms import OrderForm, SplitRuleForm
from .ledger import SplitRuleMissing
from .ledger_models import SplitRule
from .ledger_services import split_rule_set
from .models import ProductPage
from .order_models import Order
from .order_services import OrderRequest, OutOfStock, TooManyOrders, order_place, order_rate_check

# --- public ----------------------------------------------------------------------------------


@never_cache
def order_create(request, product_id: int):
    product = get_object_or_404(ProductPage.objects.live(), pk=product_id)
    form = OrderForm(request.POST or None, product=product)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order_rate_check(ip=client_ip(request), phone=data["buyer_phone"])
            order = order_place(
                request=OrderRequest(
                    product=product,
                    variant=data.get("variant"),
                    quantity=data["quantity"],
                    buyer_name=data["buyer_name"],
                    buyer_phone=data["buyer_phone"],
                    buyer_address=data["buyer_address"],
                    payment_method=data["payment_method"],
                )
            )
        except (OutOfStock, TooManyOrders) as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("order_receipt", order_token=order.public_token)
    if request.method == "POST":
        form.refresh_stamp()
    return render(request, "store/order_create.html", {"product": product, "form": form})


@never_cache
def order_receipt(request, order_token: str):
    """The buyer's page for their order: reached only by the link they were given."""
    order = get_object_or_404(Order.objects.select_related("facility"), public_token=order_token)
    return render(request, "store/order_receipt.html", {"order": order, "lines": order.lines.all()})


# --- officers: orders ------------------------------------------------------------------------


@officer_required
def order_list(request):
    orders = selectors.orders_visible_to(request.user).select_related("facility")
    status = request.GET.get("status", "")
    if status in Order.Status.values:
        orders = orders.filter(status=status)
    facilities = permissions.facilities_visible_to(request.user)
    facility = request.GET.get("fasilitas", "")
    if facility:
        orders = orders.filter(facility__code=facility)
    query = request.GET.get("q", "").strip()
    if query:
        orders = orders.filter(number__icontains=query) | orders.filter(buyer_name__icontains=query)
    page = Paginator(orders, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "store/officer/order_list.html",
        {
            "page": page,
            "statuses": Order.Status.choices,
            "status": status,
            "facilities": facilities,
            "facility": facility,
            "q": query,
            "query": params.urlencode(),
            "report_facilities": [f for f in facilities if permissions.can(request.user, "store.report", facility=f)],
        },
    )


@officer_required
def order_detail(request, order_id: int):
    order = get_object_or_404(selectors.orders_visible_to(request.user).select_related("facility"), pk=order_id)
    return render(
        request,
        "store/officer/order_detail.html",
        {
            "order": order,
            "lines": order.lines.select_related("inventory"),
            "changes": order.status_changes.select_related("actor"),
            "moves": [(move, workflow.MOVE_LABELS[move]) for move in workflow.moves_for(request.user, order)],
            "sales": [line.sale for line in order.lines.all() if hasattr(line, "sale")],
        },
    )


@require_POST
@officer_required
def order_move(request, order_id: int, move: str):
    order = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
    function = workflow.MOVE_FUNCTIONS.get(move)
    if function is None:
        raise PermissionDenied
    kwargs = {"actor": request.user, "order": order}
    if move == "ship":
        kwargs.update(courier=request.POST.get("courier", ""), receipt_number=request.POST.get("receipt_number", ""))
    else:
        kwargs["comment"] = request.POST.get("comment", "")
    try:
        function(**kwargs)
    except (workflow.InvalidOrderTransition, SplitRuleMissing) as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Order %(number)s: %(move)s done.") % {"number": order.number, "move": workflow.MOVE_LABELS[move]},
        )
    return redirect("officer_order_detail", order_id=order.pk)


# --- premi statements ------------------------------------------------------------------------


def _month(request) -> datetime.date | None:
    value = request.GET.get("bulan", "")
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date() if value else None
    except ValueError:
        return None


def _statement_pdf(statement: dict, request) -> HttpResponse:
    from certificates.pdf import html_to_pdf

    html = render_to_string("store/premi_statement_pdf.html", {**statement, "printed": timezone.now()}, request=request)
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/"), variant=None), content_type="application/pdf"
    )
    month = f"-{statement['month']:%Y-%m}" if statement["month"] else ""
    response["Content-Disposition"] = f'attachment; filename="premi-{statement["learner"].pk}{month}.pdf"'
    return response


def _officer_learner(request, learner_id: int) -> User:
    learner = get_object_or_404(permissions.learners_visible_to(request.user), pk=learner_id)
    permissions.require(request.user, "premi.view", facility=learner.facility_id, owner=learner.pk)
    return learner


@officer_required
def premi_statement(request, learner_id: int):
    learner = _officer_learner(request, learner_id)
    statement = selectors.premi_statement(user=request.user, learner=learner, month=_month(request))
    return render(request, "store/premi_statement.html", {**statement, "officer": True})


@officer_required
def premi_statement_pdf(request, learner_id: int):
    learner = _officer_learner(request, learner_id)
    return _statement_pdf(selectors.premi_statement(user=request.user, learner=learner, month=_month(request)), request)


@learner_required
def learner_premi(request):
    statement = selectors.premi_statement(user=request.user, learner=request.user, month=_month(request))
    return render(request, "store/premi_statement.html", {**statement, "officer": False})


@learner_required
def learner_premi_pdf(request):
    return _statement_pdf(
        selectors.premi_statement(user=request.user, learner=request.user, month=_month(request)), request
    )


# --- monthly PNBP and sales report -----------------------------------------------------------


@officer_required
def store_report(request, code: str):
    facility = get_object_or_404(permissions.facilities_visible_to(request.user), code=code)
    permissions.require(request.user, "store.report", facility=facility)
    month = _month(request) or timezone.localdate().replace(day=1)
    sales, totals = selectors.month_sales(facility=facility, month=month)
    fmt = request.GET.get("format", "")
    if fmt in exports.FORMATS:
        body, content_type = exports.FORMATS[fmt](facility=facility, month=month, sales=sales, totals=totals)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="penjualan-pnbp-{facility.code}-{month:%Y-%m}.{fmt}"'
        return response
    return render(
        request, "store/officer/report.html", {"facility": facility, "month": month, "sales": sales, "totals": totals}
    )


@officer_required
def split_rules(request, code: str):
    """A facility's split rules, newest first, and a form to set one from a date."""
    facility = get_object_or_404(permissions.facilities_visible_to(request.user), code=code)
    permissions.require(request.user, "store.configure", facility=facility)
    form = SplitRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            split_rule_set(actor=request.user, facility=facility, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Split rule saved."))
            return redirect("store_split_rules", code=facility.code)
    rules = SplitRule.objects.filter(facility=facility).order_by("-effective_from")
    return render(request, "store/officer/split_rules.html", {"facility": facility, "form": form, "rules": rules})
