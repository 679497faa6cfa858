"""The store journey in Chromium: a buyer orders a maker's product on the public page, an officer
takes the order through every step, and the maker's premi statement shows their share."""

import json
import subprocess
import sys
import time

from lms.devstack import BASE_DIR
from tests.e2e.test_golden_path import DEMO_TOTP_SECRET, totp_code

SETUP = """
import json
from lms.accounts.models import Facility, User
from store.models import SplitRule
from tests.factories.store import build_product, split_rule
kld = Facility.objects.get(code="KLD")
maker = User.objects.get(facility=kld, registration_number="BI.003")
if not SplitRule.objects.filter(facility=kld).exists():
    split_rule(kld, premi=50, pnbp=40, capital=10)
product = build_product(
    kld, title="Keset Sabut Kelapa", price=40000, stock=5, makers=[(maker, 1)], slug="keset-sabut-e2e"
)
print(json.dumps({"url": product.url, "maker": maker.pk, "inventory": product.inventory_id}))
"""


def _in_stack(stack, code: str) -> dict:
    """Run Django code against the stack's own database (as a management shell would)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=stack.env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _officer_signs_in(page) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "admin@kld.bekal.test")
    page.fill("input[name=password]", "bekal-demo-2026")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code(DEMO_TOTP_SECRET))
    page.locator("form:has(input[name=code]) button[type=submit]:not([form])").click()
    page.wait_for_url("**/petugas/")


def test_order_to_premi(new_page, stack):
    world = _in_stack(stack, SETUP)
    buyer, officer, learner = new_page("buyer"), new_page("officer"), new_page("learner")

    # 1. A buyer orders two on the public product page, without signing in.
    buyer.goto(world["url"])
    assert "Rahmat" not in buyer.content() and "BI.003" not in buyer.content()
    buyer.fill("input[name=buyer_name]", "Ibu Wati")
    buyer.fill("input[name=buyer_phone]", "0812 3456 7890")
    buyer.fill("textarea[name=buyer_address]", "Jl. Pantai Indah 7, Kalianda, Lampung Selatan")
    buyer.fill("input[name=quantity]", "2")
    buyer.check("input[name=payment_method][value=transfer]")
    time.sleep(3.5)  # a person needs a moment to fill the form; faster forms are taken for bots
    buyer.locator(".order-form button[type=submit]").click()
    buyer.wait_for_url("**/pesanan/**")
    number = buyer.locator(".order-number").inner_text().strip()
    assert number.startswith("KLD-")
    assert buyer.locator(".order-status").get_attribute("data-status") == "new"
    assert "Rp80.000" in buyer.content()

    # 2. The facility administrator confirms, marks paid, ships with a receipt number and completes it.
    _officer_signs_in(officer)
    officer.goto("/petugas/pesanan/?status=new")
    officer.click(f"text={number}")
    for move, status in [("confirm", "confirmed"), ("pay", "paid"), ("ship", "shipped"), ("complete", "completed")]:
        form = officer.locator(f"form[data-move={move}]")
        if move == "ship":
            form.locator("input[name=courier]").fill("JNE")
            form.locator("input[name=receipt_number]").fill("JNE0012345678")
        with officer.expect_navigation():
            form.locator("button[type=submit]").click()
        assert officer.locator(".order-status").get_attribute("data-status") == status
    assert "JNE0012345678" in officer.content()

    # 3. The buyer's page follows; the maker's premi statement shows their share: 50% of Rp80.000.
    buyer.reload()
    assert buyer.locator(".order-status").get_attribute("data-status") == "completed"
    officer.goto(f"/petugas/premi/{world['maker']}/")
    assert officer.locator(".premi-total").inner_text().strip() == "Rp40.000"
    assert number in officer.content()

    learner.goto("/masuk/")
    learner.select_option("select[name=facility]", "KLD")
    learner.fill("input[name=registration_number]", "BI.003")
    learner.fill("input[name=pin]", "135790")
    learner.click("form.form button[type=submit]")
    learner.wait_for_url("**/belajar/")
    learner.goto("/belajar/premi/")
    assert learner.locator(".premi-total").inner_text().strip() == "Rp40.000"
