"""The golden path in Chromium: learn → practise → review → promote (promote page) → certify, with a real worker."""

import io
import re
import time

from PIL import Image
from pypdf import PdfReader

from lms.home import curriculum
from lms.home.curriculum import jualan_online, jualan_online_quizzes
from tests.factories.accounts import totp_now

COURSE_TITLE = jualan_online.COURSE["title"]
QUIZZES = jualan_online_quizzes.QUIZZES
PRODUCT_TITLE = "Gantungan Kunci Kayu Jati Ukir Nama"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # the demo administrators' authenticator (seed_demo, README)


_used_windows: set[tuple[str, int]] = set()


def totp_code(secret: str) -> str:
    """The code the officer's authenticator app shows, never typed in its last moment.

    A code is accepted once (allauth refuses a replay), so a second sign-in by the same
    administrator within one 30 s window waits for the next code, as a person would."""
    while True:
        if 30 - time.time() % 30 < 2:
            time.sleep(2)
        window = int(time.time() // 30)
        if (secret, window) not in _used_windows:
            _used_windows.add((secret, window))
            return totp_now(secret)
        time.sleep(30 - time.time() % 30 + 0.1)


def score_rubric(page, scores: dict[str, int]) -> None:
    """Tick one level (1–4) of each rubric criterion on the review page."""
    for criterion, score in scores.items():
        page.check(f"input[name=score_{criterion}][value='{score}']")


def _wait_for(page, url: str, predicate, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.goto(url)
        if predicate(page):
            return
        time.sleep(1)
    raise AssertionError(f"gave up waiting on {url}")


def _pass_quizzes(page) -> int:
    """Answer every quiz form on the lesson page right, as the learner would, and check the result."""
    passed = 0
    while page.locator("form.quiz-form").count():
        form = page.locator("form.quiz-form").first
        title = form.locator("xpath=ancestor::section[1]//h2").inner_text()
        spec = next(quiz for quiz in QUIZZES if quiz["title"] in title)
        for question in spec["questions"]:
            fieldset = form.locator("fieldset", has_text=question["text"].split(".")[0])
            if question["kind"] == "number":
                fieldset.locator("input[type=text]").fill(f"{int(question['correct_number']):,}".replace(",", "."))
            elif question["kind"] == "true_false":
                fieldset.locator(f"input[value={str(question['correct_true']).lower()}]").check()
            else:
                for text, correct, _feedback in question["options"]:
                    if correct:
                        fieldset.get_by_label(text, exact=True).check()
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert page.locator(".quiz-result.quiz-passed").count() > passed
        passed += 1
    return passed


def test_golden_path(new_page, tmp_path):
    learner = new_page("learner")
    officer = new_page("officer")
    public = new_page("public")

    # 1. The learner signs in at the lab terminal with facility + registration number + PIN.
    learner.goto("/masuk/")
    learner.select_option("select[name=facility]", "KLD")
    learner.fill("input[name=registration_number]", "BI.001")
    learner.fill("input[name=pin]", "000000")
    learner.click("form.form button[type=submit]")
    assert learner.locator(".errors").is_visible()  # wrong PIN: refused with a message
    learner.fill("input[name=registration_number]", "BI.001")
    learner.fill("input[name=pin]", "135790")
    learner.click("form.form button[type=submit]")
    learner.wait_for_url("**/belajar/")
    assert learner.locator("html").get_attribute("lang") == "id"

    # 2. They open the course, read every lesson, pass its quiz if it has one, mark each complete and
    #    watch the progress bar.
    learner.click(f"text={COURSE_TITLE}")
    learner.locator("a.btn-primary[href*='/lanjutkan/']").click()
    seen = quizzes = 0
    while True:
        quizzes += _pass_quizzes(learner)
        if not learner.locator("form[action$='/selesai/'] button").count():
            break
        before = int(learner.locator("progress").get_attribute("value"))
        learner.locator("form[action$='/selesai/'] button").click()
        seen += 1
        if learner.url.endswith("/belajar/"):
            break
        assert int(learner.locator("progress").get_attribute("value")) > before
    assert (seen, quizzes) == (len(curriculum.lessons(jualan_online.COURSE)), len(QUIZZES))
    assert learner.locator("progress").first.get_attribute("value") == "100"

    # 3. In the sandbox shop they write a listing with a photo and submit it.
    photo = tmp_path / "gantungan.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (900, 900), (150, 100, 60)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    learner.goto("/toko-latihan/baru/")
    learner.select_option("select[name=category]", "kerajinan")
    learner.fill("input[name=title]", PRODUCT_TITLE)
    learner.fill(
        "textarea[name=description]",
        "Gantungan kunci dari kayu jati sisa bengkel, diukir tangan dengan nama pesanan. Panjang 7 cm, "
        "dipernis agar tahan lama. Isi paket: satu gantungan kunci.",
    )
    learner.fill("input[name=price]", "15000")
    learner.set_input_files("input[name=photos]", str(photo))
    learner.click("form.form button[type=submit]")
    learner.wait_for_url(re.compile(r".*/toko-latihan/\d+/$"))
    listing_url = learner.url
    with learner.expect_navigation():
        learner.click("form[action$='/ajukan/'] button")
    assert learner.locator(".status-submitted").first.is_visible()

    # 4. An officer signs in with email, password and the authenticator code, and approves it.
    officer.goto("/accounts/login/")
    officer.fill("input[name=login]", "admin@kld.bekal.test")
    officer.fill("input[name=password]", "bekal-demo-2026")
    officer.locator("form button[type=submit]").last.click()
    officer.wait_for_url("**/accounts/2fa/authenticate/")
    officer.fill("input[name=code]", totp_code(DEMO_TOTP_SECRET))
    officer.locator("form:has(input[name=code]) button[type=submit]:not([form])").click()
    officer.wait_for_url("**/petugas/")
    officer.locator("tr", has_text=PRODUCT_TITLE).locator("a.btn-primary").click()
    officer.check("input[name=decision][value=approve]")
    score_rubric(officer, {"photos": 4, "title": 4, "description": 3, "price": 3, "legality": 4})
    officer.fill("textarea[name=comment]", "Foto jelas, deskripsi lengkap.")
    officer.click("form.review-form button[type=submit]")
    officer.wait_for_url("**/petugas/tinjau/")

    # 5. Approval publishes nothing by itself: the officer opens the promote page from the review page,
    #    enters the real workshop batch and keeps the author as the maker.
    listing_id = re.search(r"/toko-latihan/(\d+)/$", listing_url).group(1)
    officer.goto(f"/petugas/tinjau/{listing_id}/")
    officer.locator(f"a[href='/petugas/promosi/{listing_id}/']").click()
    officer.wait_for_url(f"**/petugas/promosi/{listing_id}/")
    officer.check("input[name=stock_source][value=new]")
    officer.fill("input[name=batch_code]", "GK-2026-01")
    officer.fill("input[name=quantity]", "12")
    assert officer.locator("select[name=maker_0]").input_value() != ""  # the listing's author
    officer.click("form.form button[type=submit]")
    assert officer.locator(".msg-success").is_visible()

    # 6. The worker publishes it in the facility's public store; anyone can see it without signing in.
    _wait_for(public, "/toko/KLD/", lambda p: p.locator(f"text={PRODUCT_TITLE}").count() > 0)
    public.click(f"text={PRODUCT_TITLE}")
    assert public.locator(".maker").inner_text() == "Karya WBP Lapas Kelas IIA Kalianda"
    assert public.locator(".stock-available").is_visible()
    assert "Budi" not in public.content() and "BI.001" not in public.content()
    learner.goto(listing_url)
    assert learner.locator(".status-promoted").first.is_visible()

    # 7. The worker renders the certificate; the learner downloads it; anyone verifies it by serial.
    _wait_for(learner, "/belajar/", lambda p: p.locator("#certificates a[href$='/unduh/']").count() > 0)
    with learner.expect_download() as download_info:
        learner.locator("#certificates a[href$='/unduh/']").first.click()
    pdf_path = tmp_path / "sertifikat.pdf"
    download_info.value.save_as(pdf_path)
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    serial = re.search(r"KLD-\d{4}-\d{6}", text).group(0)
    assert COURSE_TITLE in " ".join(text.split())
    assert "Budi Santoso" in text

    public.goto(f"/sertifikat/{serial}/")
    assert public.locator(".verdict-ok").is_visible()
    assert COURSE_TITLE in public.content()
    assert "Budi Santoso" not in public.content()
    assert public.goto("/sertifikat/KLD-1999-999999/").status == 404
