"""Locust users for ``bench/load.py``: learners on lab terminals and the officers reviewing their work.

Not a benchmark by itself (``make bench`` runs ``bench/*.py``, not this folder): ``load.py`` seeds the site,
writes the plan (``BENCH_LOAD_PLAN``: who signs in, which lesson, quiz and listing) and runs this
file headless. Every write that the server acknowledged is tallied and written to
``BENCH_LOAD_TALLY`` at the end, for ``load.py`` to check against the database.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import defaultdict

from forms import form_fields  # bench/locust/forms.py (locust puts this folder on the path)
from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["BENCH_LOAD_PLAN"]).read())  # noqa: SIM115
LEARNERS = list(PLAN["learners"])
OFFICERS = list(PLAN["officers"])
TO_REVIEW = list(PLAN["to_review"])
TO_PROMOTE: list[dict] = []
TALLY: dict = {"heartbeats": {}, "answers": defaultdict(int), "edits": {}, "approved": [], "promoted": []}
HEARTBEAT_GAP = 12.0  # seconds; the server counts no time for beats closer than 10 s


class Bekal(HttpUser):
    abstract = True

    def post_form(self, url: str, data: dict, *, name: str, expect_redirect: str = ""):
        """POST like a browser: the CSRF token from the cookie and the page, a redirect on success."""
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(url, data=data, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code not in (302, 303) or expect_redirect not in response.headers.get("Location", ""):
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
                return None
            return response


class Learner(Bekal):
    weight = 100
    wait_time = between(2, 6)

    def on_start(self):
        self.me = LEARNERS.pop()
        self.client.get("/masuk/", name="sign-in page")
        data = {"facility": self.me["facility"], "registration_number": self.me["number"], "pin": PLAN["pin"]}
        self.signed_in = bool(self.post_form("/masuk/", data, name="sign in", expect_redirect="/belajar/"))
        self.attempt, self.answered, self.last_beat, self.edit = None, False, 0.0, 0
        self.beats = TALLY["heartbeats"].setdefault(self.me["number"], [])

    @task(4)
    def read_lesson(self):
        self.client.get(self.me["lessons"][int(time.time()) % len(self.me["lessons"])], name="lesson page")

    @task(4)
    def heartbeat(self):
        if time.monotonic() - self.last_beat < HEARTBEAT_GAP:
            return
        url = f"/belajar/pelajaran/{PLAN['beat_lesson_id']}/denyut/"
        kind = "start" if not self.beats else "beat"
        sent = time.time()
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(url, data={"kind": kind}, headers=headers, name="heartbeat", catch_response=True) as r:
            if r.status_code != 204:
                r.failure(str(r.status_code))
                return
        self.beats.append([kind, sent, time.time()])
        self.last_beat = time.monotonic()

    @task(1)
    def answer_quiz(self):
        url = PLAN["quiz_lesson_url"]
        if self.answered:  # try again: a new attempt
            if not self.post_form(url, {"quiz_block": PLAN["quiz_block"], "action": "retry"}, name="quiz retry"):
                return
            self.answered = False
        with self.client.get(url, name="quiz lesson page", catch_response=True) as page:
            fields = form_fields(page.text, url)
            token = fields.get("attempt")
            if not token:
                page.failure("no open quiz attempt on the page")
                return
        answers = {"quiz_block": PLAN["quiz_block"], "attempt": token}
        for name in set(re.findall(r'name="(q\d+)"\s+value="([^"]+)"', page.text)):
            answers.setdefault(name[0], name[1])
        if self.post_form(url, answers, name="quiz answer", expect_redirect="#quiz-"):
            TALLY["answers"][self.me["number"]] += 1
            self.answered = True

    @task(1)
    def edit_listing(self):
        url = f"/toko-latihan/{self.me['listing_id']}/ubah/"
        page = self.client.get(url, name="listing edit page")
        fields = form_fields(page.text, "/ubah/")
        if "title" not in fields:
            return
        self.edit += 1
        fields["title"] = f"Keripik Singkong Balado Renyah {self.me['number']} edisi {self.edit}"
        if self.post_form(url, fields, name="listing save", expect_redirect=f"/toko-latihan/{self.me['listing_id']}/"):
            TALLY["edits"][str(self.me["listing_id"])] = fields["title"]
            TALLY.setdefault("edit_counts", defaultdict(int))[str(self.me["listing_id"])] += 1


class Officer(Bekal):
    fixed_count = len(OFFICERS)
    wait_time = between(3, 8)

    def on_start(self):
        me = OFFICERS.pop()
        page = self.client.get("/accounts/login/", name="officer sign-in page")
        fields = form_fields(page.text, "/accounts/login/")
        fields.update(login=me["email"], password=PLAN["officer_password"])
        self.post_form("/accounts/login/", fields, name="officer sign in")

    @task(2)
    def queue(self):
        self.client.get("/petugas/tinjau/", name="review queue")

    @task(2)
    def review(self):
        if not TO_REVIEW:
            return
        item = TO_REVIEW.pop()
        url = f"/petugas/tinjau/{item['listing_id']}/"
        page = self.client.get(url, name="review page")
        fields = form_fields(page.text, url)
        fields["decision"] = "approve"
        for key in [k for k in re.findall(r'name="(score_[\w-]+)"', page.text)]:
            fields.setdefault(key, "3")
        if self.post_form(url, fields, name="review approve"):
            TALLY["approved"].append(item["listing_id"])
            TO_PROMOTE.append(item)

    @task(1)
    def promote(self):
        if not TO_PROMOTE:
            return
        item = TO_PROMOTE.pop()
        url = f"/petugas/promosi/{item['listing_id']}/"
        page = self.client.get(url, name="promote page")
        fields = form_fields(page.text, url)
        fields.update(
            stock_source="new", stock_name=item["title"][:60], batch_code="LOAD-1", quantity="5", unit_cost="15000"
        )
        fields.setdefault("maker_0", str(item["learner_id"]))
        fields["share_0"] = fields.get("share_0") or "1"
        if self.post_form(url, fields, name="promote"):
            TALLY["promoted"].append(item["listing_id"])


@events.test_stop.add_listener
def write_tally(**_kwargs):
    with open(os.environ["BENCH_LOAD_TALLY"], "w") as out:
        json.dump(TALLY, out)
