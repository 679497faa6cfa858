import csv
import io
import time

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from store.forms import form_stamp
from store.models import InventoryItem, Order
from store.workflow import order_complete, order_confirm, order_mark_paid, order_ship
from tests.factories import (
    AdminFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    build_product,
    place_order,
    split_rule,
)
from tests.factories.concurrency import race

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {
        "buyer_name": "Siti Pembeli",
        "buyer_phone": "0813-1111-2222",
        "buyer_address": "Jl. Pantai 5, Kalianda",
        "quantity": "2",
        "payment_method": "cod",
        "website": "",
        "stamp": form_stamp(time.time() - 30),
    }
    data.update(extra)
    return data


def _officer_client(client, user):
    client.force_login(user, backend="lms.accounts.backends.OfficerBackend")
    return client


@pytest.fixture
def product(db):
    return build_product(FacilityFactory(code="KLD"), title="Keset Sabut", price=20000, stock=3)


def test_the_product_page_shows_the_order_form(client, product):
    response = client.get(product.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("order_create", kwargs={"product_id": product.pk}) in body
    assert 'name="website"' in body and 'name="stamp"' in body


def test_variants_are_offered_by_name_and_price(client):
    product = build_product(FacilityFactory(), variants=[("Besar", 55000, 2)])
    assert "Besar — Rp55.000" in client.get(product.url).content.decode()


def test_an_order_reserves_stock_and_shows_the_buyer_their_page(client, product):
    response = client.post(reverse("order_create", kwargs={"product_id": product.pk}), _form())

    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/pesanan/{order.public_token}/"
    assert order.buyer_phone == "+6281311112222" and order.payment_method == "cod"
    assert InventoryItem.objects.get(pk=product.inventory_id).reserved == 2
    page = client.get(response["Location"]).content.decode()
    assert order.number in page and "Rp40.000" in page


def test_the_order_page_shows_no_other_buyer(client, product):
    mine = place_order(product, quantity=1)
    other = place_order(product, quantity=1, phone="085299998888")
    page = client.get(reverse("order_receipt", kwargs={"order_token": mine.public_token})).content.decode()
    assert mine.number in page and other.number not in page
    assert client.get("/pesanan/not-a-token/").status_code == 404


def test_the_honeypot_refuses_bots(client, product):
    response = client.post(reverse("order_create", kwargs={"product_id": product.pk}), _form(website="http://spam"))
    assert response.status_code == 200 and not Order.objects.exists()


@pytest.mark.parametrize("kind", ["forged", "too fast", "expired"])
def test_a_forged_too_fast_or_expired_form_is_refused(client, product, kind):
    stamp = {"forged": "forged", "too fast": form_stamp(), "expired": form_stamp(time.time() - 7 * 3600)}[kind]
    response = client.post(reverse("order_create", kwargs={"product_id": product.pk}), _form(stamp=stamp))
    assert response.status_code == 200 and not Order.objects.exists()
    assert response.context["form"].non_field_errors()


def test_a_bad_phone_number_is_explained(client, product):
    response = client.post(reverse("order_create", kwargs={"product_id": product.pk}), _form(buyer_phone="021555"))
    assert response.status_code == 200 and "buyer_phone" in response.context["form"].errors
    assert InventoryItem.objects.get(pk=product.inventory_id).reserved == 0


def test_sold_out_is_explained(client, product):
    response = client.post(reverse("order_create", kwargs={"product_id": product.pk}), _form(quantity="4"))
    assert response.status_code == 200 and not Order.objects.exists()
    assert response.context["form"].non_field_errors()


def test_orders_are_rate_limited_per_address_and_phone(client, settings):
    settings.STORE_ORDER_RATE = (2, 3600)
    product = build_product(FacilityFactory(), stock=50)
    url = reverse("order_create", kwargs={"product_id": product.pk})
    for _ in range(2):
        assert client.post(url, _form(quantity="1")).status_code == 302

    refused = client.post(url, _form(quantity="1"))
    other_phone = client.post(url, _form(quantity="1", buyer_phone="081377778888"))

    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert other_phone.status_code == 302
    assert Order.objects.count() == 3


def test_one_address_making_up_new_numbers_is_limited_too(client, settings):
    settings.STORE_ORDER_RATE = (2, 3600)
    settings.STORE_ORDER_IP_RATE = (3, 3600)
    product = build_product(FacilityFactory(), stock=50)
    url = reverse("order_create", kwargs={"product_id": product.pk})
    for n in range(3):
        assert client.post(url, _form(quantity="1", buyer_phone=f"08137777000{n}")).status_code == 302

    refused = client.post(url, _form(quantity="1", buyer_phone="081377770009"))
    elsewhere = client.post(url, _form(quantity="1", buyer_phone="081377770009"), REMOTE_ADDR="10.1.2.3")

    assert refused.status_code == 200
    assert "jaringan ini" in " ".join(refused.context["form"].non_field_errors())
    assert elsewhere.status_code == 302
    assert Order.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_parallel_order_requests_for_the_last_items_never_oversell():
    """Ten buyers post the order form at once for 2 of the last 7 items: exactly three orders go through.

    On PostgreSQL each request runs in its own thread and database connection, released together;
    SQLite's in-memory test database cannot take parallel writers, so there they come one after another.
    """
    product = build_product(FacilityFactory(code="KLD"), stock=7)
    url = reverse("order_create", kwargs={"product_id": product.pk})

    def buy(n: int) -> int:
        return (
            Client(REMOTE_ADDR=f"10.0.0.{n + 1}")
            .post(url, _form(quantity="2", buyer_phone=f"0812000000{n:02d}"))
            .status_code
        )

    statuses = race(buy, 10)

    item = InventoryItem.objects.get(pk=product.inventory_id)
    assert sorted(statuses) == [200] * 7 + [302] * 3  # refused ones see the form again with the reason
    assert (item.quantity, item.reserved) == (7, 6)
    assert Order.objects.count() == 3
    assert sum(line.quantity for order in Order.objects.all() for line in order.lines.all()) == 6


def test_officers_see_only_their_facility_orders(client, product):
    mine = place_order(product)
    elsewhere = place_order(build_product(FacilityFactory(code="OTH"), stock=2))
    instructor = InstructorFactory(facility=product.facility)

    page = _officer_client(client, instructor).get(reverse("officer_order_list")).content.decode()

    assert mine.number in page and elsewhere.number not in page
    assert client.get(reverse("officer_order_detail", kwargs={"order_id": elsewhere.pk})).status_code == 404


def test_officer_moves_an_order_through_the_page(client, product):
    order = place_order(product)
    admin = AdminFactory(facility=product.facility)
    _officer_client(client, admin)

    url = reverse("officer_order_move", kwargs={"order_id": order.pk, "move": "confirm"})
    assert client.post(url)["Location"] == reverse("officer_order_detail", kwargs={"order_id": order.pk})
    order.refresh_from_db()
    assert order.status == "confirmed"
    # A wrong move is refused with a message; nothing changes.
    response = client.post(
        reverse("officer_order_move", kwargs={"order_id": order.pk, "move": "complete"}), follow=True
    )
    order.refresh_from_db()
    assert order.status == "confirmed"
    assert any(m.level_tag == "error" for m in response.context["messages"])


def _sold(product, admin, quantity=1):
    order = place_order(product, quantity=quantity)
    order_confirm(actor=admin, order=order)
    order_mark_paid(actor=admin, order=order)
    order_ship(actor=admin, order=order, courier="JNE", receipt_number="R1")
    return order_complete(actor=admin, order=order)


def test_premi_statement_for_officers_learners_and_pdf(client):
    facility = FacilityFactory()
    split_rule(facility, premi=50, pnbp=40, capital=10)
    maker, other = LearnerFactory(facility=facility), LearnerFactory(facility=facility)
    admin = AdminFactory(facility=facility)
    _sold(build_product(facility, price=30000, makers=[(maker, 1), (other, 2)]), admin)

    page = _officer_client(client, admin).get(reverse("officer_premi_statement", kwargs={"learner_id": maker.pk}))
    assert page.status_code == 200 and page.context["total"] == 5000
    pdf = client.get(reverse("officer_premi_statement_pdf", kwargs={"learner_id": maker.pk}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    outsider = AdminFactory(facility=FacilityFactory())
    client.force_login(outsider, backend="lms.accounts.backends.OfficerBackend")
    assert client.get(reverse("officer_premi_statement", kwargs={"learner_id": maker.pk})).status_code == 404

    client.force_login(other, backend="lms.accounts.backends.LearnerPinBackend")
    own = client.get(reverse("learner_premi"))
    assert own.status_code == 200 and own.context["total"] == 10000
    assert client.get(reverse("learner_premi_pdf")).content.startswith(b"%PDF")


def test_monthly_report_as_csv_and_xlsx(client):
    facility = FacilityFactory(code="RPT")
    split_rule(facility, premi=50, pnbp=40, capital=10)
    admin = AdminFactory(facility=facility)
    order = _sold(build_product(facility, price=12345, makers=[(LearnerFactory(facility=facility), 1)]), admin, 2)
    sale = order.lines.get().sale
    url = reverse("store_report", kwargs={"code": "RPT"})
    _officer_client(client, admin)

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(url, {"bulan": f"{sale.sold_on:%Y-%m}", "format": "csv"}).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[1][1] == order.number
    assert [int(v) for v in rows[1][4:8]] == [24690, 12345, 9876, 2469]
    assert rows[-1][4:8] == ["24690", "12345", "9876", "2469"]

    xlsx = client.get(url, {"bulan": f"{sale.sold_on:%Y-%m}", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B3"].value == order.number
    assert [sheet.cell(row=3, column=c).value for c in range(5, 9)] == [24690, 12345, 9876, 2469]
    assert sheet.cell(row=4, column=5).value == 24690

    empty = client.get(url, {"bulan": "2001-01", "format": "csv"}).content.decode("utf-8-sig")
    assert order.number not in empty

    client.force_login(InstructorFactory(facility=facility), backend="lms.accounts.backends.OfficerBackend")
    assert client.get(url).status_code == 403


def test_administrators_set_split_rules(client):
    facility = FacilityFactory(code="SPL")
    url = reverse("store_split_rules", kwargs={"code": "SPL"})
    _officer_client(client, AdminFactory(facility=facility))
    data = {"effective_from": "2026-03-01", "premi_percent": "52.5", "pnbp_percent": "37.5", "capital_percent": "10"}

    bad = client.post(url, {**data, "capital_percent": "11"})
    assert bad.status_code == 200 and bad.context["form"].non_field_errors()
    assert client.post(url, data).status_code == 302

    rule = facility.split_rules.get()
    assert (rule.premi_percent, rule.pnbp_percent, rule.capital_percent) == (52.5, 37.5, 10)
    client.force_login(InstructorFactory(facility=facility), backend="lms.accounts.backends.OfficerBackend")
    assert client.post(url, data).status_code == 403
