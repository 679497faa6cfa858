import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lms.audit.models import AuditEvent
from store import workflow
from store.models import InventoryItem, Order
from tests.factories import AdminFactory, FacilityFactory, InstructorFactory, build_product, place_order, split_rule

S = Order.Status


def _order_in(status: str, *, stock: int = 5, quantity: int = 2, payment: str = "transfer"):
    facility = FacilityFactory()
    split_rule(facility)
    admin = AdminFactory(facility=facility)
    order = place_order(build_product(facility, stock=stock), quantity=quantity, payment=payment)
    path = {
        S.NEW: [],
        S.CONFIRMED: ["confirm"],
        S.PAID: ["confirm", "pay"],
        S.SHIPPED: ["confirm", "pay", "ship"],
        S.COMPLETED: ["confirm", "pay", "ship", "complete"],
        S.CANCELLED: ["cancel"],
    }[status]
    for move in path:
        _run(move, admin, order)
    order.refresh_from_db()
    return order, admin


def _run(move, actor, order):
    kwargs = {"courier": "JNE", "receipt_number": "JNE001"} if move == "ship" else {"comment": "alasan"}
    return workflow.MOVE_FUNCTIONS[move](actor=actor, order=order, **kwargs)


ALLOWED = [(move, source) for move, (sources, _to, _p) in workflow.MOVES.items() for source in sorted(sources)]
FORBIDDEN = [
    (move, source)
    for move, (sources, _to, _p) in workflow.MOVES.items()
    for source in S.values
    if source not in sources
]


@pytest.mark.django_db
@pytest.mark.parametrize(("move", "source"), ALLOWED)
def test_allowed_move(move, source):
    order, admin = _order_in(source)

    moved = _run(move, admin, order)

    target = workflow.MOVES[move][1]
    assert moved.status == target
    change = moved.status_changes.last()
    assert (change.from_status, change.to_status, change.actor) == (source, target, admin)
    assert AuditEvent.objects.filter(action=f"order.{move}", target_id=str(order.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("move", "source"), FORBIDDEN)
def test_forbidden_move(move, source):
    order, admin = _order_in(source)
    changes = order.status_changes.count()

    with pytest.raises(workflow.InvalidOrderTransition):
        _run(move, admin, order)

    order.refresh_from_db()
    assert order.status == source and order.status_changes.count() == changes


def _stock(order):
    item = InventoryItem.objects.get(pk=order.lines.get().inventory_id)
    return item.quantity, item.reserved


@pytest.mark.django_db
@pytest.mark.parametrize("source", [S.NEW, S.CONFIRMED, S.PAID])
def test_cancelling_before_shipping_releases_the_reservation(source):
    order, admin = _order_in(source, stock=5, quantity=2)
    assert _stock(order) == (5, 2)

    workflow.order_cancel(actor=admin, order=order, comment="Tidak jadi")

    assert _stock(order) == (5, 0)


@pytest.mark.django_db
def test_shipping_takes_the_items_out_of_stock():
    order, _admin = _order_in(S.SHIPPED, stock=5, quantity=2)
    assert _stock(order) == (3, 0)
    assert (order.courier, order.receipt_number) == ("JNE", "JNE001")


@pytest.mark.django_db
def test_cancelling_a_shipped_order_leaves_stock_as_it_is():
    order, admin = _order_in(S.SHIPPED, stock=5, quantity=2)
    workflow.order_cancel(actor=admin, order=order, comment="Ditolak saat diantar")
    assert _stock(order) == (3, 0)


@pytest.mark.django_db
def test_shipping_needs_courier_and_receipt_except_for_pickup():
    order, admin = _order_in(S.PAID)
    with pytest.raises(ValidationError):
        workflow.order_ship(actor=admin, order=order, courier="JNE", receipt_number=" ")
    order.refresh_from_db()
    assert order.status == S.PAID

    pickup, admin = _order_in(S.PAID, payment="pickup")
    assert workflow.order_ship(actor=admin, order=pickup).status == S.SHIPPED


@pytest.mark.django_db
def test_cancelling_needs_a_reason():
    order, admin = _order_in(S.NEW)
    with pytest.raises(ValidationError):
        workflow.order_cancel(actor=admin, order=order, comment="  ")


@pytest.mark.django_db
def test_instructors_confirm_and_ship_but_do_not_handle_money():
    order, _admin = _order_in(S.NEW)
    instructor = InstructorFactory(facility=order.facility)

    workflow.order_confirm(actor=instructor, order=order)
    with pytest.raises(PermissionDenied):
        workflow.order_mark_paid(actor=instructor, order=order)
    with pytest.raises(PermissionDenied):
        workflow.order_cancel(actor=instructor, order=order, comment="x")
    order.refresh_from_db()
    assert order.status == S.CONFIRMED
    assert workflow.moves_for(instructor, order) == []  # confirmed: only pay / cancel are next


@pytest.mark.django_db
def test_officers_of_another_facility_cannot_move_the_order():
    order, _admin = _order_in(S.NEW)
    with pytest.raises(PermissionDenied):
        workflow.order_confirm(actor=AdminFactory(facility=FacilityFactory()), order=order)
    order.refresh_from_db()
    assert order.status == S.NEW
