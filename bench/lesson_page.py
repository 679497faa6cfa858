"""The lesson page: first-load weight, queries, and throughput at 50 signed-in learners next to a bare view.

Starts Bekal the way `make run` does (gunicorn + Celery worker, migrated, demo data) on a free
loopback port. Then, in one run:

1. ``lesson_page_first_load_kb``: the HTML of a lesson page without video or H5P, plus every
   stylesheet, script and font it loads (``<link rel=stylesheet>``, ``<script src>``, ``url()`` in
   the CSS), as sent by the server (bytes on the wire, no compression asked for), in KB (1000 bytes).
2. ``lesson_page_queries``: database queries of one lesson page request, counted in this process
   (Django's test client on the stack's database, a signed-in learner, warm caches).
3. ``lesson_page_vs_bare_ratio``: 50 learners sign in (50 sessions); 50 client threads, one per
   learner, request the lesson page as fast as they can for BENCH_SECONDS, then ``/ping`` (a view
   that touches nothing) for as long, on the same server. Ratio = lesson requests/s ÷ bare requests/s.

Runs on the configured database (DATABASE_URL) or a fresh SQLite file by default. Loopback only.
"""

import http.cookiejar
import os
import re
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

from lms.devstack import Stack

LEARNERS = int(os.environ.get("BENCH_LEARNERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
PIN = "135790"
NO_VIDEO = ("video", "audio", "h5p")


def setup_django(stack: Stack) -> None:
    os.environ.update(stack.env)
    import django

    django.setup()


def prepare(n: int) -> tuple[str, list[str]]:
    """A lesson without video/H5P, and ``n`` learners enrolled in its course (registration numbers)."""
    from django.contrib.auth.hashers import make_password

    from courses.models import Enrollment, LessonPage
    from lms.accounts.models import Facility, User

    lesson = next(
        page
        for page in LessonPage.objects.live().order_by("path")
        if not any(block.block_type in NO_VIDEO for block in page.body)
    )
    facility = Facility.objects.get(code="KLD")
    password = make_password(PIN)
    numbers = []
    for i in range(n):
        number = f"BENCH.{i:03d}"
        learner = User.objects.create(
            role=User.Role.LEARNER,
            facility=facility,
            registration_number=number,
            username=User.learner_username("KLD", number),
            full_name=f"Peserta Uji {i:03d}",
            password=password,
            must_change_pin=False,
        )
        Enrollment.objects.create(learner=learner, course=lesson.course())
        numbers.append(number)
    return lesson.url, numbers


def opener_for(base: str, number: str):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{base}/masuk/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "facility": "KLD", "registration_number": number, "pin": PIN}
    ).encode()
    request = urllib.request.Request(f"{base}/masuk/", data=data, headers={"Referer": f"{base}/masuk/"})
    if not opener.open(request, timeout=30).geturl().endswith("/belajar/"):
        raise SystemExit(f"sign-in failed for {number}")
    return opener


def first_load_bytes(opener, base: str, url: str) -> tuple[int, list[str]]:
    html = opener.open(base + url, timeout=30).read()
    text = html.decode()
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', text)
    total, seen = len(html), []
    for asset in assets:
        body = opener.open(urllib.parse.urljoin(base + url, asset), timeout=30).read()
        total += len(body)
        seen.append(asset)
        if asset.endswith(".css"):
            for font in re.findall(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))", body.decode(errors="replace")):
                total += len(opener.open(urllib.parse.urljoin(base + asset, font), timeout=30).read())
                seen.append(font)
    return total, seen


def count_queries(url: str, number: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(registration_number=number))
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"query count: {url} answered {response.status_code}")
    return len(ctx.captured_queries)


def throughput(openers, url: str, seconds: float) -> float:
    """Requests per second with one thread per opener hammering ``url`` for ``seconds``."""
    done, errors = [0] * len(openers), []
    stop = time.perf_counter() + seconds

    def run(index: int, opener) -> None:
        while time.perf_counter() < stop:
            try:
                response = opener.open(url, timeout=30)
                response.read()
                if response.status != 200 or response.geturl() != url:
                    errors.append(response.geturl())
                    return
                done[index] += 1
            except OSError as error:
                errors.append(str(error))
                return

    threads = [threading.Thread(target=run, args=(i, o), daemon=True) for i, o in enumerate(openers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{url}: {len(errors)} failed requests, e.g. {errors[0]}")
    return sum(done) / elapsed


def main() -> None:
    with Stack(name="bench", web_workers=2, celery_concurrency=1) as stack:
        setup_django(stack)
        url, numbers = prepare(LEARNERS + 1)
        # the extra learner is for counting queries in this process: signing one learner in twice
        # would end their first session (one session per learner)
        queries = count_queries(url, numbers.pop())
        openers = [opener_for(stack.url, number) for number in numbers]
        weight, assets = first_load_bytes(openers[0], stack.url, url)
        throughput(openers, stack.url + url, 3)  # warm-up
        lesson_rps = throughput(openers, stack.url + url, SECONDS)
        bare_rps = throughput(openers, stack.url + "/ping", SECONDS)
    backend = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    print(f"# {url}; {backend}; gunicorn 2 workers x 4 threads; {LEARNERS} signed-in learners, {SECONDS:.0f} s each")
    print(f"# first load: the HTML and {', '.join(assets)}")
    print(f"RESULT lesson_page_first_load_kb {weight / 1000:.1f} KB")
    print(f"RESULT lesson_page_queries {queries}")
    print(f"RESULT lesson_page_rps {lesson_rps:.1f} req/s")
    print(f"RESULT bare_view_rps {bare_rps:.1f} req/s")
    print(f"RESULT lesson_page_vs_bare_ratio {lesson_rps / bare_rps:.3f}")


if __name__ == "__main__":
    main()
