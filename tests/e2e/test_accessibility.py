"""Every learner page through axe-core (from npm, injected from node_modules) in Chromium at
1024×768: no serious or critical violation. Then the lesson flow by keyboard alone."""

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LEARNER = ("KLD", "BI.003", "135790")  # a demo learner the golden path does not use


def sign_in(page) -> None:
    page.goto("/masuk/")
    facility, number, pin = LEARNER
    page.select_option("select[name=facility]", facility)
    page.fill("input[name=registration_number]", number)
    page.fill("input[name=pin]", pin)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/belajar/")


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def learner_pages(page) -> list[str]:
    """The learner's pages, found by following links as the learner would."""
    page.goto("/belajar/")
    course = page.locator("section.card h3 a").first.get_attribute("href")
    page.goto(course)
    lessons = [a.get_attribute("href") for a in page.locator("ol.lessons a").all()]
    quiz_lesson = None
    for href in lessons:
        page.goto(href)
        if page.locator("form.quiz-form").count():
            quiz_lesson = href
            break
    assert quiz_lesson, "the demo course has a lesson with a quiz"
    return ["/belajar/", course, lessons[0], quiz_lesson, "/toko-latihan/", "/toko-latihan/baru/"]


@pytest.mark.e2e
def test_learner_pages_have_no_serious_axe_violations(new_page):
    # axe goes in as an inline script tag, which the app's Content-Security-Policy refuses: these
    # contexts let the test's own script in (the policy itself is tested in tests/lms/test_security_headers.py).
    anonymous = new_page("anonymous", bypass_csp=True)
    anonymous.goto("/masuk/")
    problems = serious_violations(anonymous)
    page = new_page("learner", bypass_csp=True)
    sign_in(page)
    for url in learner_pages(page):
        page.goto(url)
        problems += serious_violations(page)
    page.goto("/belajar/")
    assert page.locator("#certificates").count() == 1  # the certificates list is part of the learner home
    assert not problems, "\n".join(problems)


@pytest.mark.e2e
def test_lesson_flow_by_keyboard_alone(new_page):
    page = new_page("keyboard")
    sign_in(page)
    page.goto("/belajar/")
    # Tab to the one "Lanjutkan" button and press Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.btn-primary.btn-big')"):
            break
    else:
        raise AssertionError("the Lanjutkan button cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = page.url
    # Tab to "I have finished this lesson" and press Enter: the next lesson opens.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest(\"form[action$='/selesai/']\")"):
            break
    else:
        raise AssertionError("the finish button cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != first
