"""The order workflow.

    new → confirmed → paid → shipped → completed;   new | confirmed | paid | shipped → cancelled

``MOVES`` is the one table of allowed moves. Each move is one function that checks permission,
locks the order with ``select_for_update``, refuses any state not in the table with
``InvalidOrderTransition``, writes an ``OrderStatusChange`` row and an audit event, all in one
transaction. Stock: placing the order reserved it; shipping takes the items out of stock
(quantity and reserved both go down); cancelling before shipping releases the reservation
(reserved goes down); cancelling a shipped order (refused at the door, lost) leaves stock as it is,
since the items have left — returned goods are counted back in by an inventory correction.
Completing writes the sale lines and premi (``store.ledger.sales_record``).

Who: every officer of the facility may confirm and ship (workshop work); only administrators
handle money — mark paid, complete (writes the ledger) and cancel.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts import permissions
from lms.audit.services import audit_record

from .ledger import sales_record
from .models import InventoryItem
from .order_models import Order, OrderStatusChange

S = Order.Status

MOVES: dict[str, tuple[frozenset[str], str, str]] = {
    # move: (allowed from, to, permission)
    "confirm": (frozenset({S.NEW}), S.CONFIRMED, "order.handle"),
    "pay": (frozenset({S.CONFIRMED}), S.PAID, "order.settle"),
    "ship": (frozenset({S.PAID}), S.SHIPPED, "order.handle"),
    "complete": (frozenset({S.SHIPPED}), S.COMPLETED, "order.settle"),
    "cancel": (frozenset({S.NEW, S.CONFIRMED, S.PAID, S.SHIPPED}), S.CANCELLED, "order.settle"),
}

MOVE_LABELS = {
    "confirm": gettext_lazy("Confirm"),
    "pay": gettext_lazy("Mark as paid"),
    "ship": gettext_lazy("Ship"),
    "complete": gettext_lazy("Complete"),
    "cancel": gettext_lazy("Cancel order"),
}


class InvalidOrderTransition(Exception):
    def __init__(self, order: Order, move: str):
        self.order, self.move = order, move
        super().__init__(
            _("Order %(number)s is “%(status)s”; “%(move)s” is not possible now.")
            % {"number": order.number, "status": order.get_status_display(), "move": MOVE_LABELS.get(move, move)}
        )


def allowed_moves(order: Order) -> list[str]:
    return [move for move, (sources, _to, _perm) in MOVES.items() if order.status in sources]


def moves_for(user, order: Order) -> list[str]:
    """The moves ``user`` may make on ``order`` now (for buttons; the move functions check again)."""
    return [m for m in allowed_moves(order) if permissions.can(user, MOVES[m][2], facility=order.facility_id)]


def _move(order_id: int, move: str, *, actor, comment: str = "", **fields) -> Order:
    """Run ``move`` on the locked order; the caller is inside ``transaction.atomic``."""
    sources, target, action = MOVES[move]
    order = Order.objects.select_for_update().select_related("facility").get(pk=order_id)
    permissions.require(actor, action, facility=order.facility_id)
    if order.status not in sources:
        raise InvalidOrderTransition(order, move)
    previous = order.status
    _move_stock(order, previous, target)
    order.status = target
    for name, value in fields.items():
        setattr(order, name, value)
    order.save()
    OrderStatusChange.objects.create(order=order, from_status=previous, to_status=target, actor=actor, comment=comment)
    audit_record(
        actor=actor,
        action=f"order.{move}",
        target=order,
        facility=order.facility_id,
        data={
            "from": previous,
            "to": target,
            **({"comment": comment} if comment else {}),
            **{k: str(v) for k, v in fields.items()},
        },
    )
    return order


def _move_stock(order: Order, previous: str, target: str) -> None:
    for line in order.lines.all():
        items = InventoryItem.objects.filter(pk=line.inventory_id)
        if target == S.SHIPPED:
            items.update(quantity=F("quantity") - line.quantity, reserved=F("reserved") - line.quantity)
        elif target == S.CANCELLED and previous != S.SHIPPED:
            items.update(reserved=F("reserved") - line.quantity)


def order_confirm(*, actor, order: Order, comment: str = "") -> Order:
    with transaction.atomic():
        return _move(order.pk, "confirm", actor=actor, comment=comment.strip())


def order_mark_paid(*, actor, order: Order, comment: str = "") -> Order:
    with transaction.atomic():
        return _move(order.pk, "pay", actor=actor, comment=comment.strip())


def order_ship(*, actor, order: Order, courier: str = "", receipt_number: str = "") -> Order:
    """Hand the parcel to the courier (with its receipt number); for pickup, hand it to the buyer."""
    courier, receipt_number = courier.strip(), receipt_number.strip()
    if order.payment_method != Order.Payment.PICKUP and not (courier and receipt_number):
        raise ValidationError(_("Enter the courier and the receipt number."))
    with transaction.atomic():
        return _move(order.pk, "ship", actor=actor, courier=courier, receipt_number=receipt_number)


def order_complete(*, actor, order: Order, comment: str = "") -> Order:
    """Close the order and write its sales; the split rule must exist for the date."""
    with transaction.atomic():
        completed = _move(order.pk, "complete", actor=actor, comment=comment.strip(), completed_at=timezone.now())
        sales_record(order=completed)
        return completed


def order_cancel(*, actor, order: Order, comment: str) -> Order:
    if not comment.strip():
        raise ValidationError(_("Give the reason for cancelling."))
    with transaction.atomic():
        return _move(order.pk, "cancel", actor=actor, comment=comment.strip())


MOVE_FUNCTIONS = {
    "confirm": order_confirm,
    "pay": order_mark_paid,
    "ship": order_ship,
    "complete": order_complete,
    "cancel": order_cancel,
}
