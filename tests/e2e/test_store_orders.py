"""The store journey in Chromium: an officer promotes an approved listing, the worker publishes it, a
buyer orders it on the public page, the officer takes the order through every step, and the maker's
premi statement shows their share."""

import json
import subprocess
import sys
import time

from lms.devstack import BASE_DIR
from tests.e2e.test_golden_path import DEMO_TOTP_SECRET, totp_code

PRODUCT_TITLE = "Keset Sabut Kelapa Anyaman 40 x 60 cm"

SETUP = """
import json
from lms.accounts.models import Facility, User
from sandbox_shop.models import PracticeListing
from store.models import SplitRule, StoreIndexPage
from tests.factories import ListingFactory, add_photo, split_rule
kld = Facility.objects.get(code="KLD")
maker = User.objects.get(facility=kld, registration_number="BI.003")
if not SplitRule.objects.filter(facility=kld).exists():
    split_rule(kld, premi=50, pnbp=40, capital=10)
StoreIndexPage.objects.filter(facility=kld).update(shopee_url="https://shopee.co.id/lapaskalianda")
listing = ListingFactory(
    learner=maker,
    status=PracticeListing.Status.APPROVED,
    title="__TITLE__",
    description="Keset dari sabut kelapa, dianyam tangan di bengkel kerja. Menyerap air dan awet.",
    price=40000,
    nib="9120301234567",
    spp_irt_number="2061801010123",
    weight_grams=900,
    length_cm=60,
    width_cm=40,
    height_cm=2,
)
add_photo(listing, color=(150, 110, 60))
print(json.dumps({"listing": listing.pk, "maker": maker.pk}))
""".replace("__TITLE__", PRODUCT_TITLE)


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


def _wait_for(page, url: str, predicate, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.goto(url)
        if predicate(page):
            return
        time.sleep(1)
    raise AssertionError(f"gave up waiting on {url}")


def test_promote_order_complete_premi(new_page, stack):
    world = _in_stack(stack, SETUP)
    buyer, officer, learner = new_page("buyer"), new_page("officer"), new_page("learner")

    # 1. An officer promotes the approved listing: a new workshop batch of five, the author as the maker.
    _officer_signs_in(officer)
    officer.goto(f"/petugas/promosi/{world['listing']}/")
    officer.check("input[name=stock_source][value=new]")
    officer.fill("input[name=batch_code]", "KS-2026-02")
    officer.fill("input[name=quantity]", "5")
    assert officer.locator("select[name=maker_0]").input_value() == str(world["maker"])
    officer.click("form.form button[type=submit]")
    assert officer.locator(".msg-success").is_visible()

    # 2. The worker publishes it; the public store finds it by search, with its permit, the maker line
    #    (never the learner's name) and the facility's marketplace shop.
    _wait_for(buyer, "/toko/KLD/?q=sabut", lambda p: p.locator(f"text={PRODUCT_TITLE}").count() > 0)
    with buyer.expect_navigation():
        buyer.click(f"text={PRODUCT_TITLE}")
    assert buyer.locator(".maker").inner_text() == "Karya WBP Lapas Kelas IIA Kalianda"
    assert "2061801010123" in buyer.locator(".legality").inner_text()
    assert buyer.locator(".marketplaces a[href='https://shopee.co.id/lapaskalianda']").is_visible()
    assert "Rahmat" not in buyer.content() and "BI.003" not in buyer.content()

    # 3. A buyer orders two through the public form on the product page, without signing in.
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

    # 4. The officer confirms, marks paid, ships with a receipt number and completes it.
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

    # 5. The buyer's page follows; the maker's premi statement shows their share: 50% of Rp80.000.
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
