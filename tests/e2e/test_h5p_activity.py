"""A learner plays the demo H5P activity inside its lesson; the score and completion are recorded for them."""

import json
import subprocess
import sys
import time

from lms.devstack import BASE_DIR


def _attempts(stack, registration_number: str) -> list[dict]:
    code = (
        "import json; from courses.h5p.models import H5PAttempt;"
        f"rows = H5PAttempt.objects.filter(learner__registration_number='{registration_number}',"
        " learner__facility__code='KLD').order_by('pk');"
        "print(json.dumps([{'raw': str(a.score_raw), 'max': str(a.score_max), 'done': bool(a.completed_at),"
        " 'statements': a.statements.count()} for a in rows]))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=BASE_DIR, env=stack.env, check=True, capture_output=True
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def test_learner_plays_the_demo_activity(new_page, stack):
    learner = new_page("learner")
    learner.goto("/masuk/")
    learner.select_option("select[name=facility]", "KLD")
    learner.fill("input[name=registration_number]", "BI.003")
    learner.fill("input[name=pin]", "135790")
    learner.click("form.form button[type=submit]")
    learner.wait_for_url("**/belajar/")
    learner.goto("/kursus/berjualan-online/mengenal-toko-online/mengenal-marketplace/")
    frame_element = learner.locator("section.h5p-activity iframe")
    frame_element.wait_for()
    assert frame_element.get_attribute("sandbox") == "allow-scripts allow-same-origin"
    assert frame_element.get_attribute("src").startswith(f"{stack.h5p_origin}/c/")
    player = learner.frame_locator("section.h5p-activity iframe")
    player.get_by_role("button", name="Benar").click()
    assert player.locator(".bekal-tf-feedback").inner_text() == "Tepat!"
    # A locator, not wait_for_function: the app's Content-Security-Policy forbids evaluating strings.
    learner.locator("section.h5p-activity[data-h5p-completed='1']").wait_for(state="attached", timeout=20_000)
    assert "1" in learner.locator("section.h5p-activity .h5p-status").inner_text()
    # Only played attempts count here (other browser tests open the lesson too; viewing starts none now).
    attempts = [a for a in _attempts(stack, "BI.003") if a["statements"]]
    assert [(a["raw"], a["max"], a["done"]) for a in attempts] == [("1.000", "1.000", True)]
    assert attempts[0]["statements"] >= 2  # answered and completed, both kept
    # The session cookie never went to the content origin, and it set none of its own.
    assert learner.context.cookies(stack.h5p_origin) == []


def _state(stack, registration_number: str) -> list[str]:
    code = (
        "import json; from courses.h5p.models import H5PUserState;"
        f"rows = H5PUserState.objects.filter(learner__registration_number='{registration_number}',"
        " learner__facility__code='KLD');"
        "print(json.dumps([r.data for r in rows]))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=BASE_DIR, env=stack.env, check=True, capture_output=True
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def _wait_for_state(stack, registration_number: str, expected: dict, timeout: float = 30) -> None:
    """The learner's saved state becomes ``expected`` (H5P also saves the untouched state on its timer)."""
    deadline = time.monotonic() + timeout
    saved = []
    while time.monotonic() < deadline:
        saved = [json.loads(data) for data in _state(stack, registration_number)]
        if saved == [expected]:
            return
        time.sleep(0.5)
    raise AssertionError(f"saved state {saved}, expected {[expected]}")


def test_the_answer_is_restored_after_a_reload_and_a_replay_is_a_new_attempt(new_page, stack):
    lesson = "/kursus/berjualan-online/mengenal-toko-online/mengenal-marketplace/"
    learner = new_page("learner")
    learner.goto("/masuk/")
    learner.select_option("select[name=facility]", "KLD")
    learner.fill("input[name=registration_number]", "BI.002")
    learner.fill("input[name=pin]", "135790")
    learner.click("form.form button[type=submit]")
    learner.wait_for_url("**/belajar/")
    for _ in range(3):  # looking at the lesson starts no attempt
        learner.goto(lesson)
        learner.frame_locator("section.h5p-activity iframe").get_by_role("button", name="Salah").wait_for()
    assert _attempts(stack, "BI.002") == []
    player = learner.frame_locator("section.h5p-activity iframe")
    player.get_by_role("button", name="Salah").click()
    assert player.locator(".bekal-tf-feedback").inner_text() == "Belum tepat."
    learner.locator("section.h5p-activity[data-h5p-completed='1']").wait_for(state="attached", timeout=20_000)
    # H5P saves the state 3 s after "completed" (and every saveFreq seconds), to the content origin.
    _wait_for_state(stack, "BI.002", {"answer": False})
    assert int(learner.locator("section.h5p-activity").get_attribute("data-h5p-saved")) >= 1  # the page heard
    learner.reload()
    player = learner.frame_locator("section.h5p-activity iframe")
    wrong = player.get_by_role("button", name="Salah")
    wrong.wait_for()
    assert wrong.get_attribute("aria-pressed") == "true"  # the answer came back from the server
    assert player.get_by_role("button", name="Benar").get_attribute("aria-pressed") == "false"
    assert player.locator(".bekal-tf-feedback").inner_text() == "Belum tepat."
    attempts = _attempts(stack, "BI.002")
    assert [(a["raw"], a["done"]) for a in attempts] == [("0.000", True)]  # coming back started nothing

    player.get_by_role("button", name="Benar").click()  # playing again after finishing: a new attempt
    learner.locator("section.h5p-activity[data-h5p-completed='1']").wait_for(state="attached", timeout=20_000)
    _wait_for_state(stack, "BI.002", {"answer": True})
    player.get_by_role("button", name="Salah").click()  # and again, without leaving the page
    _wait_for_state(stack, "BI.002", {"answer": False})
    expected = [("0.000", True, 2), ("1.000", True, 2), ("0.000", True, 2)]  # answered + completed each
    for _ in range(20):  # the statements are posted one after another
        played = [(a["raw"], a["done"], a["statements"]) for a in _attempts(stack, "BI.002")]
        if played == expected:
            break
        time.sleep(0.5)
    assert played == expected
    assert learner.context.cookies(stack.h5p_origin) == []
