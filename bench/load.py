"""Load: 200 learners on lab terminals and the officers reviewing them, for BENCH_LOAD_SECONDS, with Locust.

Starts, on loopback ports of its own (``BENCH_PORT_BASE``, default 8220): a redis-server (broker
and cache), a PostgreSQL cluster (initdb in a temporary folder), then Bekal as ``make run`` does
it (gunicorn with ``BENCH_WEB_WORKERS`` workers x 4 threads, sized for 2 cores; the H5P origin; a
Celery worker with beat), migrated with the demo data. It seeds ``BENCH_LEARNERS`` learners
(enrolled, each with a draft listing, in one cohort), 2 instructors and listings waiting for review.

Then Locust (``bench/locust/locustfile.py``, headless, one process) runs: each learner signs in (facility,
registration number, PIN, with the CSRF token), reads lessons, sends progress heartbeats (at least
12 s apart, as the lesson page does every ~30 s), answers a quiz (and tries again) and edits their
listing; the officers look at the review queue, approve listings and promote them to the store.

Recorded: requests/s, p50/p95/p99 latency (all requests, Locust's figures) and errors (failed or
unexpected responses). Afterwards every write the server acknowledged is looked for in the
database: each learner's heartbeats (the last beat's time is stored and the counted time matches
the beats' spacing), each quiz answer (one submitted attempt per answer sent), each listing edit
(one audit event per save, and the last title saved), each approval and each promotion (its
product made by the worker). ``load_lost_writes`` counts what is missing.
"""

import csv
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

from lms.devstack import PostgresCluster, RedisServer, Stack  # noqa: E402

PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "8220"))
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "200"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
SPAWN_RATE = float(os.environ.get("BENCH_LOAD_SPAWN_RATE", "4"))  # a lab arriving over ~a minute
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "3"))
TO_REVIEW = int(os.environ.get("BENCH_LOAD_REVIEWS", "40"))
PIN = "135790"
OFFICER_PASSWORD = "beban-uji-petugas-2026"  # noqa: S105 - a throwaway bench account


def setup_django(stack: Stack) -> None:
    os.environ.update(stack.env)
    import django

    django.setup()


def _photo(listing) -> None:
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from sandbox_shop.models import ListingPhoto

    out = io.BytesIO()
    Image.new("RGB", (600, 600), (180, 140, 80)).save(out, "JPEG")
    ListingPhoto.objects.create(listing=listing, image=ContentFile(out.getvalue(), name="foto.jpg"), position=0)


def seed(n: int) -> dict:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from courses.models import Enrollment, LessonPage
    from courses.quizzes.selectors import lesson_quiz_refs
    from lms.accounts.hashers import pin_hasher
    from lms.accounts.models import Cohort, Facility, User
    from sandbox_shop import workflow
    from sandbox_shop.models import PracticeListing

    facility = Facility.objects.get(code="KLD")
    quiz_lesson, block_id = next(
        (lesson, refs[0].block_id)
        for lesson in LessonPage.objects.live().order_by("path")
        if (refs := lesson_quiz_refs(lesson))
    )
    course = quiz_lesson.course()
    lessons = [page for page in LessonPage.objects.live().descendant_of(course).order_by("path")]
    password = make_password(PIN, hasher=pin_hasher())  # as the services store PINs: sign-in costs its real cost
    learners = User.objects.bulk_create(
        User(
            role=User.Role.LEARNER,
            facility=facility,
            registration_number=f"LOAD.{i:03d}",
            username=User.learner_username("KLD", f"LOAD.{i:03d}"),
            full_name=f"Peserta Beban {i:03d}",
            password=password,
            must_change_pin=False,
        )
        for i in range(n)
    )
    Enrollment.objects.bulk_create(Enrollment(learner=learner, course=course) for learner in learners)
    cohort = Cohort.objects.create(facility=facility, name="Kelas Uji Beban")
    cohort.learners.add(*learners)
    officers = []
    for i in range(2):
        email = f"petugas{i}@load.bekal.test"
        officer = User.objects.create(
            role=User.Role.INSTRUCTOR, facility=facility, email=email, username=email, full_name=f"Petugas Uji {i}"
        )
        officer.set_password(OFFICER_PASSWORD)
        officer.save()
        EmailAddress.objects.create(user=officer, email=email, verified=True, primary=True)
        cohort.instructors.add(officer)
        officers.append({"email": email})
    drafts = PracticeListing.objects.bulk_create(
        PracticeListing(
            learner=learner,
            facility=facility,
            category=PracticeListing.Category.FOOD,
            title=f"Keripik Singkong Balado Renyah {learner.registration_number}",
            description="Keripik singkong balado, renyah dan pedas manis, 250 gram, tanpa pengawet.",
            price=18000,
        )
        for learner in learners
    )
    for draft in drafts:  # a listing is saved only with a photo: the learner uploaded one earlier
        _photo(draft)
    to_review = []
    for learner in learners[:TO_REVIEW]:
        listing = PracticeListing.objects.create(
            learner=learner,
            facility=facility,
            category=PracticeListing.Category.CRAFT,
            title=f"Tas Anyaman Pandan Buatan Tangan {learner.registration_number}",
            description="Tas anyaman pandan buatan tangan, ukuran 30 cm, tali kulit sintetis, warna alami.",
            price=45000,
        )
        _photo(listing)
        workflow.listing_submit(actor=learner, listing=listing)
        to_review.append({"listing_id": listing.pk, "learner_id": learner.pk, "title": listing.title})
    return {
        "pin": PIN,
        "officer_password": OFFICER_PASSWORD,
        "beat_lesson_id": lessons[0].pk,
        "quiz_lesson_url": quiz_lesson.url,
        "quiz_block": block_id,
        "learners": [
            {
                "facility": "KLD",
                "number": learner.registration_number,
                "listing_id": draft.pk,
                "lessons": [page.url for page in lessons[:4]],
            }
            for learner, draft in zip(learners, drafts, strict=True)
        ],
        "officers": officers,
        "to_review": to_review,
    }


def run_locust(stack: Stack, plan: dict, folder: Path) -> tuple[dict, dict]:
    plan_path, tally_path = folder / "plan.json", folder / "tally.json"
    plan_path.write_text(json.dumps(plan))
    users = len(plan["learners"]) + len(plan["officers"])
    log = folder / "locust.log"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(BASE_DIR / "bench" / "locust" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(SPAWN_RATE),
            "--run-time",
            f"{SECONDS}s",
            "--host",
            stack.url,
            "--csv",
            str(folder / "load"),
            "--only-summary",
            "--stop-timeout",
            "15",
            "--exit-code-on-error",
            "0",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "BENCH_LOAD_PLAN": str(plan_path), "BENCH_LOAD_TALLY": str(tally_path)},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        check=True,
    )
    with open(folder / "load_stats.csv") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    failures = (folder / "load_failures.csv").read_text() if (folder / "load_failures.csv").exists() else ""
    if failures.count("\n") > 1:
        print("# failures:\n" + "\n".join(f"#   {line}" for line in failures.splitlines()[:15]))
    return rows, json.loads(tally_path.read_text())


def _beat_bounds(beats: list) -> tuple[int, int]:
    """Seconds the server must have counted for these beats (each in the window [sent, answered])."""
    low = high = 0
    for (_k0, sent0, recv0), (_k1, sent1, recv1) in itertools.pairwise(beats):
        shortest, longest = sent1 - recv0, recv1 - sent0
        low += 0 if shortest < 10 else math.floor(min(shortest, 60))
        high += 0 if longest < 10 else math.floor(min(longest, 60))
    return low, high


def lost_writes(plan: dict, tally: dict) -> dict[str, int]:
    from courses.models import LessonProgress
    from courses.quizzes.models import QuizAttempt
    from lms.accounts.models import User
    from lms.audit.models import AuditEvent
    from sandbox_shop.models import PracticeListing

    lost = {"heartbeats": 0, "answers": 0, "edits": 0, "approvals": 0, "promotions": 0}
    users = {u.registration_number: u for u in User.objects.filter(registration_number__startswith="LOAD.")}
    progress = {
        p.learner_id: p
        for p in LessonProgress.objects.filter(lesson_id=plan["beat_lesson_id"], learner__in=users.values())
    }
    for number, beats in tally["heartbeats"].items():
        if not beats:
            continue
        row = progress.get(users[number].pk)
        last_sent = datetime.fromtimestamp(beats[-1][1], tz=UTC)
        low, high = _beat_bounds(beats)
        stored = row is not None and row.last_seen_at is not None and row.last_seen_at >= last_sent
        if not stored or not low <= row.seconds_on_task <= high:
            lost["heartbeats"] += 1
    submitted = {}
    for learner_id in QuizAttempt.objects.filter(learner__in=users.values(), submitted_at__isnull=False).values_list(
        "learner_id", flat=True
    ):
        submitted[learner_id] = submitted.get(learner_id, 0) + 1
    for number, count in tally["answers"].items():
        lost["answers"] += max(0, count - submitted.get(users[number].pk, 0))
    for listing_id, count in tally.get("edit_counts", {}).items():
        saved = AuditEvent.objects.filter(action="listing.edit", target_id=listing_id).count()
        listing = PracticeListing.objects.get(pk=listing_id)
        lost["edits"] += max(0, count - saved) + (0 if listing.title == tally["edits"][listing_id] else 1)
    approved = set(
        PracticeListing.objects.filter(
            pk__in=tally["approved"], status__in=[PracticeListing.Status.APPROVED, PracticeListing.Status.PROMOTED]
        ).values_list("pk", flat=True)
    )
    lost["approvals"] = len(set(tally["approved"]) - approved)
    deadline = time.monotonic() + 90  # promotions are the worker's: give it time to finish
    while True:
        done = PracticeListing.objects.filter(
            pk__in=tally["promoted"], status=PracticeListing.Status.PROMOTED, product__isnull=False
        ).count()
        if done == len(set(tally["promoted"])) or time.monotonic() > deadline:
            break
        time.sleep(1)
    lost["promotions"] = len(set(tally["promoted"])) - done
    return lost


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bekal-load-"))
    redis_server = RedisServer(PORT_BASE + 4, folder).start()
    postgres = PostgresCluster(PORT_BASE + 5, settings=("max_connections=200",)).start()
    os.environ.update(
        DATABASE_URL=postgres.url("bekal_ops_faults"),
        CELERY_BROKER_URL=redis_server.url(0),
        CACHE_URL=redis_server.url(1),
    )
    try:
        with Stack(
            name="load", web_workers=WEB_WORKERS, celery_concurrency=1, port=PORT_BASE + 2, h5p_port=PORT_BASE + 3
        ) as stack:
            setup_django(stack)
            plan = seed(LEARNERS)
            rows, tally = run_locust(stack, plan, folder)
            lost = lost_writes(plan, tally)
    finally:
        postgres.stop()
        redis_server.stop()
        if not os.environ.get("BENCH_KEEP"):  # BENCH_KEEP=1 keeps Locust's CSVs and log
            shutil.rmtree(folder, ignore_errors=True)
    total = rows["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    print(
        f"# {LEARNERS} learners + {len(plan['officers'])} officers, {SECONDS} s (spawn {SPAWN_RATE:g}/s), "
        f"gunicorn {WEB_WORKERS} workers x 4 threads + 1 Celery worker, PostgreSQL + Redis, loopback; "
        f"{os.cpu_count()} cores shared with the load generator"
    )
    for name, row in sorted(rows.items()):
        if name != "Aggregated":
            print(
                f"#   {name:<22} n={row['Request Count']:>6} fail={row['Failure Count']:>4} "
                f"p50={row['50%']:>5} p95={row['95%']:>5} p99={row['99%']:>5} ms"
            )
    print(
        f"# writes acknowledged: {sum(len(b) for b in tally['heartbeats'].values())} heartbeats, "
        f"{sum(tally['answers'].values())} quiz answers, {sum(tally.get('edit_counts', {}).values())} listing edits, "
        f"{len(tally['approved'])} approvals, {len(tally['promoted'])} promotions; missing: {lost}"
    )
    print(f"RESULT load_requests {requests}")
    print(f"RESULT load_rps {float(total['Requests/s']):.1f} req/s")
    print(f"RESULT load_p50_ms {total['50%']} ms")
    print(f"RESULT load_p95_ms {total['95%']} ms")
    print(f"RESULT load_p99_ms {total['99%']} ms")
    print(f"RESULT load_errors {failures}")
    print(f"RESULT load_lost_writes {sum(lost.values())}")


if __name__ == "__main__":
    main()
