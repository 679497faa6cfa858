from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.accounts.decorators import learner_required, officer_required

from . import grading, services, workflow
from .forms import AnswerForm, ShipForm
from .models import BuyerMessage, BuyerScenario, PracticeOrder
from .selectors import scenario_summaries


@learner_required
def buyers_home(request):
    summaries = scenario_summaries(BuyerScenario.objects.visible_to(request.user))
    return render(request, "buyers/home.html", {"summaries": summaries})


@learner_required
def buyers_scenario(request, scenario_id: int):
    scenario = get_object_or_404(
        BuyerScenario.objects.visible_to(request.user).select_related("listing"), pk=scenario_id
    )
    services.scenario_open(actor=request.user, scenario=scenario)
    return render(
        request,
        "buyers/scenario.html",
        {"scenario": scenario, "buyer_messages": scenario.messages.all(), "orders": scenario.orders.all()},
    )


@learner_required
def buyers_message(request, message_id: int):
    message = get_object_or_404(
        BuyerMessage.objects.visible_to(request.user).select_related("scenario__listing"), pk=message_id
    )
    services.scenario_open(actor=request.user, scenario=message.scenario)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_answer(actor=request.user, message=message, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Answer sent. See how it was graded below."))
            return redirect("buyers_message", message_id=message.pk)
    message.refresh_from_db()
    return render(
        request,
        "buyers/message.html",
        {
            "message": message,
            "scenario": message.scenario,
            "form": form,
            "feedback": grading.feedback(message.checks),
        },
        status=400 if request.method == "POST" else 200,
    )


@learner_required
def buyers_order(request, practice_order_id: int):
    order = get_object_or_404(
        PracticeOrder.objects.visible_to(request.user).select_related("scenario__listing"), pk=practice_order_id
    )
    move = request.POST.get("move") if request.method == "POST" else None
    ship_form = ShipForm(request.POST if move == "ship" else None)
    if move is not None:
        try:
            _order_move(request.user, order, move, ship_form)
        except ValidationError as error:
            ship_form.add_error("courier" if error.code == "courier" else "receipt", error)
        except workflow.InvalidOrderMove as error:
            messages.error(request, str(error))
            return redirect("buyers_order", practice_order_id=order.pk)
        else:
            if not ship_form.errors:
                messages.success(request, DONE_MESSAGES[move]())
                return redirect("buyers_order", practice_order_id=order.pk)
    order.refresh_from_db()
    return render(
        request,
        "buyers/order.html",
        {"order": order, "scenario": order.scenario, "next_move": workflow.next_move(order), "ship_form": ship_form},
        status=400 if move is not None else 200,
    )


def _order_move(user, order: PracticeOrder, move: str, ship_form: ShipForm) -> None:
    if move == "confirm":
        workflow.order_confirm(actor=user, order=order)
    elif move == "pack":
        workflow.order_pack(actor=user, order=order)
    elif move == "ship":
        if ship_form.is_valid():
            data = ship_form.cleaned_data
            workflow.order_ship(actor=user, order=order, courier=data["courier"], receipt=data["receipt"])
    else:
        raise workflow.InvalidOrderMove(order, move)


DONE_MESSAGES = {
    "confirm": lambda: _("Order confirmed. Now pack it."),
    "pack": lambda: _("Packed. Now hand it to the courier and type the receipt number."),
    "ship": lambda: _("Shipped. The buyer can follow the parcel with the receipt number."),
}


@officer_required
def buyers_officer_results(request):
    summaries = scenario_summaries(BuyerScenario.objects.visible_to(request.user))
    return render(request, "buyers/officer_results.html", {"summaries": summaries})


@officer_required
def buyers_officer_scenario(request, scenario_id: int):
    scenario = get_object_or_404(
        BuyerScenario.objects.visible_to(request.user).select_related("listing", "learner", "facility"), pk=scenario_id
    )
    answers = [(m, grading.feedback(m.checks)) for m in scenario.messages.all()]
    return render(
        request,
        "buyers/officer_scenario.html",
        {"scenario": scenario, "answers": answers, "orders": scenario.orders.all()},
    )
