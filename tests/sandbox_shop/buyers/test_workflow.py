"""Every move of a practice order, allowed and forbidden."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lms.audit.models import AuditEvent
from sandbox_shop.buyers import workflow
from sandbox_shop.buyers.models import PracticeOrder
from tests.factories import InstructorFactory, LearnerFactory, build_scenario

pytestmark = pytest.mark.django_db
S = PracticeOrder.Status


@pytest.fixture
def order():
    return build_scenario().orders.first()


def at(order, status):
    PracticeOrder.objects.filter(pk=order.pk).update(status=status)
    order.refresh_from_db()
    return order


def ship(order, receipt="JP1234567890", courier="jnt"):
    return workflow.order_ship(actor=order.scenario.learner, order=order, courier=courier, receipt=receipt)


MOVES = {
    "confirm": lambda o: workflow.order_confirm(actor=o.scenario.learner, order=o),
    "pack": lambda o: workflow.order_pack(actor=o.scenario.learner, order=o),
    "ship": ship,
}
ALLOWED = [("confirm", S.NEW, S.CONFIRMED), ("pack", S.CONFIRMED, S.PACKED), ("ship", S.PACKED, S.SHIPPED)]


@pytest.mark.parametrize(("move", "source", "target"), ALLOWED)
def test_allowed_moves(order, move, source, target):
    moved = MOVES[move](at(order, source))
    assert moved.status == target
    assert getattr(moved, workflow.MOVES[move][2]) is not None
    assert AuditEvent.objects.filter(action=f"buyers.order_{move}", target_id=str(order.pk)).count() == 1


FORBIDDEN = [(move, status) for move in MOVES for status in S.values if status != workflow.MOVES[move][0]]


@pytest.mark.parametrize(("move", "status"), FORBIDDEN)
def test_forbidden_moves(order, move, status):
    at(order, status)
    with pytest.raises(workflow.InvalidOrderMove):
        MOVES[move](order)
    order.refresh_from_db()
    assert order.status == status


def test_the_whole_way_stores_the_receipt(order):
    for move in ("confirm", "pack"):
        order = MOVES[move](order)
    shipped = ship(order, receipt="jp 1234 567 890")
    assert (shipped.courier, shipped.receipt_number) == ("jnt", "JP1234567890")
    assert workflow.next_move(shipped) is None


def test_a_wrong_receipt_ships_nothing(order):
    at(order, S.PACKED)
    with pytest.raises(ValidationError):
        ship(order, receipt="12345")
    order.refresh_from_db()
    assert (order.status, order.receipt_number, order.shipped_at) == (S.PACKED, "", None)


def test_only_the_owner_processes_the_order(order):
    officer = InstructorFactory(facility=order.scenario.facility, cohort_learners=[order.scenario.learner])
    for actor in (LearnerFactory(facility=order.scenario.facility), officer):
        with pytest.raises(PermissionDenied):
            workflow.order_confirm(actor=actor, order=order)
    order.refresh_from_db()
    assert order.status == S.NEW
