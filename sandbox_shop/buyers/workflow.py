"""Processing a practice order: new → confirmed → packed → shipped (with a practice receipt number).

``MOVES`` is the one table of allowed moves; each move locks the order, refuses any other state with
``InvalidOrderMove``, stamps the time and writes an audit event, in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts import permissions
from lms.audit.services import audit_record

from .models import PracticeOrder
from .receipts import validate_receipt

Status = PracticeOrder.Status

MOVES: dict[str, tuple[str, str, str]] = {
    # move: (from, to, time field)
    "confirm": (Status.NEW, Status.CONFIRMED, "confirmed_at"),
    "pack": (Status.CONFIRMED, Status.PACKED, "packed_at"),
    "ship": (Status.PACKED, Status.SHIPPED, "shipped_at"),
}
MOVE_LABELS = {
    "confirm": gettext_lazy("confirmed"),
    "pack": gettext_lazy("packed"),
    "ship": gettext_lazy("shipped"),
}


class InvalidOrderMove(Exception):
    def __init__(self, order: PracticeOrder, move: str):
        self.order, self.move = order, move
        super().__init__(
            _("This order is “%(status)s”; it cannot be %(move)s now.")
            % {"status": order.get_status_display(), "move": MOVE_LABELS.get(move, _("changed"))}
        )


def next_move(order: PracticeOrder) -> str | None:
    return next((move for move, (source, _to, _field) in MOVES.items() if order.status == source), None)


def _move(order: PracticeOrder, move: str, *, actor, **changes) -> PracticeOrder:
    source, target, time_field = MOVES[move]
    scenario = order.scenario
    permissions.require(actor, "buyers.practise", facility=scenario.facility_id, owner=scenario.learner_id)
    with transaction.atomic():
        locked = PracticeOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status != source:
            raise InvalidOrderMove(locked, move)
        locked.status = target
        setattr(locked, time_field, timezone.now())
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        audit_record(
            actor=actor,
            action=f"buyers.order_{move}",
            target=locked,
            facility=scenario.facility_id,
            data={"from": source, "to": target, **changes},
        )
    return locked


def order_confirm(*, actor, order: PracticeOrder) -> PracticeOrder:
    return _move(order, "confirm", actor=actor)


def order_pack(*, actor, order: PracticeOrder) -> PracticeOrder:
    return _move(order, "pack", actor=actor)


def order_ship(*, actor, order: PracticeOrder, courier: str, receipt: str) -> PracticeOrder:
    """Ship with a practice receipt number; a wrong number raises ``ValidationError`` and changes nothing."""
    value = validate_receipt(courier=courier, receipt=receipt)
    return _move(order, "ship", actor=actor, courier=courier, receipt_number=value)
