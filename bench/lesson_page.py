"""Median response time of a lesson page for a signed-in learner, next to a bare Django view.

Starts Bekal the way `make run` does (gunicorn + Celery worker, migrated, demo data) on a free
port, signs the demo learner in, then times sequential requests. Prints RESULT lines.
Runs on the configured database (DATABASE_URL) or a fresh SQLite file by default.
"""

import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

from lms.devstack import Stack

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
WARMUP = 30
LESSON = "/kursus/berjualan-online/foto-judul-dan-deskripsi/foto-produk/"  # lessons sit in modules


def sign_in(opener, base: str) -> None:
    page = opener.open(f"{base}/masuk/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "facility": "KLD", "registration_number": "BI.001", "pin": "135790"}
    ).encode()
    request = urllib.request.Request(f"{base}/masuk/", data=data, headers={"Referer": f"{base}/masuk/"})
    final = opener.open(request)
    if not final.geturl().endswith("/belajar/"):
        raise SystemExit("sign-in failed")


def timings(opener, url: str, n: int) -> list[float]:
    for _ in range(WARMUP):
        opener.open(url).read()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = opener.open(url)
        response.read()
        out.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    return out


def main() -> None:
    with Stack(name="bench", web_workers=2, celery_concurrency=1) as stack:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        sign_in(opener, stack.url)
        lesson = timings(opener, stack.url + LESSON, REQUESTS)
        bare = timings(opener, stack.url + "/ping", REQUESTS)
    backend = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    print(f"# {REQUESTS} sequential requests each, {backend}, gunicorn 2 workers x 4 threads")
    print(f"RESULT lesson_page_median_ms {statistics.median(lesson):.2f} ms")
    print(f"RESULT lesson_page_p95_ms {statistics.quantiles(lesson, n=20)[18]:.2f} ms")
    print(f"RESULT bare_view_median_ms {statistics.median(bare):.2f} ms")


if __name__ == "__main__":
    main()
