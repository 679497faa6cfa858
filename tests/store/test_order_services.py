import pytest
from django.core.exceptions import ValidationError

from store.models import InventoryItem, Order, OrderLine
from store.order_services import OutOfStock, phone_normalise
from tests.factories import FacilityFactory, build_product, place_order
from tests.factories.concurrency import race


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("62812.3456.789", "+628123456789"),
        ("+62 0812 3456 7890", "+6281234567890"),
        ("(0852) 1111 2222", "+6285211112222"),
    ],
)
def test_indonesian_mobile_numbers_are_normalised(raw, normal):
    assert phone_normalise(raw) == normal


@pytest.mark.parametrize("raw", ["", "12345", "0212345678", "+6112345678", "08123", "0812345678901234", "08abc45678"])
def test_other_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        phone_normalise(raw)


@pytest.mark.django_db
def test_an_order_reserves_its_stock():
    product = build_product(FacilityFactory(), price=25000, stock=5)

    order = place_order(product, quantity=3)

    item = InventoryItem.objects.get(pk=product.inventory_id)
    assert (item.quantity, item.reserved) == (5, 3)
    assert order.total == 75000 and order.status == Order.Status.NEW
    assert order.buyer_phone == "+6281234567890"
    assert order.number.startswith(product.facility.code + "-")
    assert order.status_changes.get().to_status == "new"


@pytest.mark.django_db
def test_a_variant_uses_its_own_price_and_stock():
    product = build_product(FacilityFactory(), price=25000, stock=5, variants=[("Besar", 40000, 2)])
    variant = product.variants.get()

    order = place_order(product, quantity=2, variant=variant)

    line = OrderLine.objects.get(order=order)
    assert (line.unit_price, line.variant_name, line.inventory_id) == (40000, "Besar", variant.inventory_id)
    assert InventoryItem.objects.get(pk=variant.inventory_id).reserved == 2
    assert InventoryItem.objects.get(pk=product.inventory_id).reserved == 0
    with pytest.raises(OutOfStock):
        place_order(product, quantity=1, variant=variant)


@pytest.mark.django_db
def test_asking_for_more_than_is_left_is_refused_and_saves_nothing():
    product = build_product(FacilityFactory(), stock=2)
    place_order(product, quantity=2)

    with pytest.raises(OutOfStock) as refused:
        place_order(product, quantity=1)

    assert refused.value.available == 0
    assert Order.objects.count() == 1
    assert InventoryItem.objects.get(pk=product.inventory_id).reserved == 2


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", [0, 100])
def test_quantity_out_of_range_is_refused(quantity):
    product = build_product(FacilityFactory(), stock=200)
    with pytest.raises(ValidationError):
        place_order(product, quantity=quantity)
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_a_product_without_stock_cannot_be_ordered():
    product = build_product(FacilityFactory(), stock=1)
    product.inventory = None
    product.save()
    with pytest.raises(OutOfStock):
        place_order(product)


@pytest.mark.django_db(transaction=True)
def test_racing_buyers_never_oversell():
    """Twelve buyers want 2 each of 9 items: exactly four get them and stock never goes negative.

    On PostgreSQL the buyers really race, each in its own thread and connection, released together;
    SQLite serialises writers, so there they come one after another — the same oversell attempt.
    """
    product = build_product(FacilityFactory(), stock=9)
    buyers, wanted = 12, 2

    def buy(n: int) -> str:
        try:
            place_order(product, quantity=wanted, phone=f"0812000000{n:02d}")
        except OutOfStock:
            return "sold out"
        return "ok"

    results = race(buy, buyers, timeout=60)

    item = InventoryItem.objects.get(pk=product.inventory_id)
    assert len(results) == buyers
    assert results.count("ok") == 4 and results.count("sold out") == 8
    assert (item.quantity, item.reserved) == (9, 8)
    assert Order.objects.count() == 4
