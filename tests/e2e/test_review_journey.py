"""One round of changes in Chromium: write → submit → officer asks for changes with a rubric and a field
comment → the learner sees it next to the field, fixes and resubmits → the officer sees the change and approves."""

import io
import re

from PIL import Image

from tests.e2e.test_golden_path import score_rubric

FIRST_TITLE = "Tatakan Gelas Anyaman Rotan"
FIXED_TITLE = "Tatakan Gelas Anyaman Rotan Bulat Diameter 10 cm"
TITLE_TIP = "Sebutkan bentuk dan ukuran tatakan di nama produk."
DESCRIPTION = (
    "Tatakan gelas dari rotan asli, dianyam tangan di bengkel kerja. Melindungi meja dari bekas gelas "
    "panas maupun dingin. Mudah dibersihkan dengan kain lembap. Isi paket: empat tatakan."
)


def sign_in_learner(page, number: str) -> None:
    page.goto("/masuk/")
    page.select_option("select[name=facility]", "KLD")
    page.fill("input[name=registration_number]", number)
    page.fill("input[name=pin]", "135790")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/belajar/")


def sign_in_instructor(page) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "instruktur@kld.bekal.test")
    page.fill("input[name=password]", "bekal-demo-2026")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/petugas/")


def test_one_round_of_changes(new_page, tmp_path):
    learner = new_page("learner")
    officer = new_page("officer")

    # 1. The learner writes a listing with a photo and submits it.
    sign_in_learner(learner, "BI.003")
    photo = tmp_path / "tatakan.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 800), (170, 120, 70)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    learner.goto("/toko-latihan/baru/")
    learner.select_option("select[name=category]", "kerajinan")
    learner.fill("input[name=title]", FIRST_TITLE)
    learner.fill("textarea[name=description]", DESCRIPTION)
    learner.fill("input[name=price]", "25000")
    learner.set_input_files("input[name=photos]", str(photo))
    learner.click("form.form button[type=submit]")
    learner.wait_for_url(re.compile(r".*/toko-latihan/\d+/$"))
    listing_url = learner.url
    with learner.expect_navigation():
        learner.click("form[action$='/ajukan/'] button")
    assert learner.locator(".status-submitted").first.is_visible()

    # 2. The instructor finds it in the review queue (filtered by cohort), scores the rubric, comments
    #    on the product name and sends it back.
    sign_in_instructor(officer)
    officer.click("a[href='/petugas/tinjau/']")
    officer.wait_for_url("**/petugas/tinjau/")
    officer.select_option("select[name=cohort]", label="Kelas Kriya A (KLD)")
    with officer.expect_navigation():
        officer.click("form.queue-filters button[type=submit]")
    row = officer.locator("table.review-queue tr", has_text=FIRST_TITLE)
    assert row.locator("time").inner_text().strip()  # the waiting time is shown
    with officer.expect_navigation():
        row.locator("a").click()
    officer.check("input[name=decision][value=request_changes]")
    score_rubric(officer, {"photos": 3, "title": 2, "description": 3, "price": 3, "legality": 4})
    officer.select_option("select[name=note_field_1]", "title")
    officer.fill("textarea[name=note_text_1]", TITLE_TIP)
    officer.click("form.review-form button[type=submit]")
    officer.wait_for_url("**/petugas/tinjau/")

    # 3. The learner sees the tip and the rubric on the listing page, and the tip next to the product
    #    name in the edit form; they fix the name and submit again.
    learner.goto(listing_url)
    assert learner.locator(".status-changes_requested").first.is_visible()
    review = learner.locator(".officer-review")
    assert TITLE_TIP in review.inner_text()
    assert "2/4" in review.locator(".rubric-table").inner_text()
    with learner.expect_navigation():
        learner.click("a[href$='/ubah/']")
    assert TITLE_TIP in learner.locator("[data-field=title] .field-note").inner_text()
    assert learner.locator("[data-field=description] .field-note").count() == 0
    learner.fill("input[name=title]", FIXED_TITLE)
    learner.click("#listing-form button[type=submit].btn-big")
    learner.wait_for_url(listing_url)
    with learner.expect_navigation():
        learner.click("form[action$='/ajukan/'] button")
    assert learner.locator(".status-submitted").first.is_visible()

    # 4. The instructor sees what changed since the first version and approves.
    officer.goto("/petugas/tinjau/")
    with officer.expect_navigation():
        officer.locator("table.review-queue tr", has_text=FIXED_TITLE).locator("a").click()
    added = " ".join(officer.locator("dl.diff ins").all_inner_texts())
    assert "Bulat Diameter 10 cm" in added
    assert officer.locator(".revision-list li").count() == 2
    officer.check("input[name=decision][value=approve]")
    score_rubric(officer, {"photos": 3, "title": 4, "description": 3, "price": 3, "legality": 4})
    officer.fill("textarea[name=comment]", "Nama produk sekarang jelas.")
    officer.click("form.review-form button[type=submit]")
    officer.wait_for_url("**/petugas/tinjau/")

    learner.goto(listing_url)
    assert learner.locator(".status-approved, .status-promoted").first.is_visible()
