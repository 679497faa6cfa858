"""A learner plays the demo H5P activity inside its lesson; the score and completion are recorded for them."""

import json
import subprocess
import sys

from lms.devstack import BASE_DIR


def _attempts(stack, registration_number: str) -> list[dict]:
    code = (
        "import json; from courses.h5p.models import H5PAttempt;"
        f"rows = H5PAttempt.objects.filter(learner__registration_number='{registration_number}',"
        " learner__facility__code='KLD');"
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
    # Opening the lesson starts an attempt; other browser tests may have opened it without playing.
    attempts = [a for a in _attempts(stack, "BI.003") if a["statements"]]
    assert [(a["raw"], a["max"], a["done"]) for a in attempts] == [("1.000", "1.000", True)]
    assert attempts[0]["statements"] >= 2  # answered and completed, both kept
    # The session cookie never went to the content origin, and it set none of its own.
    assert learner.context.cookies(stack.h5p_origin) == []
