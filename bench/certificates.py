"""Certificates: service overhead over a bare WeasyPrint render, and two Celery workers against one.

1. ``certificate_vs_bare_ratio``: on a fresh migrated database with the demo data, N certificates
   are issued and rendered through the service (``certificate_issue`` + ``certificate_render``:
   serial allocation, Ed25519 signing, QR code, template HTML, PDF/A render, private file write,
   database updates, audit events). The same certificates' HTML is then rendered by a bare
   ``weasyprint.HTML(string=...).write_pdf(...)`` with the same font configuration and PDF/A
   variant. Ratio = median service time per certificate / median bare time per certificate.
   Fairness: the bare render gets the standalone document (``certificate_html``, stylesheet
   inlined) and parses everything from scratch, as it always did. The service, like a worker that
   renders many certificates, reuses per process what does not change between them: the font
   configuration (shared with the bare render), the parsed stylesheet and the decoded template
   images (``certificates.pdf``). Its page is the same, drawing for drawing (tested in
   ``tests/certificates/test_issuing.py``).
2. ``certificate_two_worker_speedup``: a real Celery worker (``celery -A lms worker``, prefork)
   with ``--concurrency 1``, then one with ``--concurrency 2``. With the worker up and idle, a
   batch of B certificates (B learners who finished the course) is issued in one transaction; the
   clock runs from the commit (B render jobs queued) until every certificate is rendered.
   Speedup = time with one worker process / time with two. The machine has two cores.

Uses the configured DATABASE_URL / CELERY_BROKER_URL (a fresh database next to it) or SQLite and
the filesystem broker in a temporary folder, like the browser tests (``lms.devstack``).
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

from lms.devstack import Stack  # noqa: E402

SINGLE = int(os.environ.get("BENCH_CERTIFICATES", "30"))
BATCH = int(os.environ.get("BENCH_BATCH", "200"))


def setup_django(stack: Stack) -> None:
    os.environ.update(stack.env)
    import django

    django.setup()


def make_learners(prefix: str, n: int):
    from courses.models import CoursePage, Enrollment
    from lms.accounts.models import Facility, User

    facility = Facility.objects.get(code="KLD")
    course = CoursePage.objects.live().first()
    learners = []
    for i in range(n):
        learner = User.objects.create(
            role=User.Role.LEARNER,
            facility=facility,
            registration_number=f"{prefix}.{i:04d}",
            username=User.learner_username("KLD", f"{prefix}.{i:04d}"),
            full_name=f"Peserta Uji {prefix} {i:04d}",
        )
        Enrollment.objects.create(learner=learner, course=course, completed_at="2026-08-01T10:00:00Z")
        learners.append(learner)
    return course, learners


def measure_ratio() -> tuple[float, float, float]:
    """Service and bare render alternate, certificate by certificate, so background load hits both alike."""
    from django.db import transaction
    from weasyprint import HTML

    from certificates.pdf import PDF_VARIANT, font_config, html_to_pdf
    from certificates.services import certificate_html, certificate_issue, certificate_render

    course, learners = make_learners("R", SINGLE + 3)
    html_to_pdf("<p>warm-up</p>")
    service, bare = [], []
    for n, learner in enumerate(learners):
        start = time.perf_counter()
        with transaction.atomic():
            certificate = certificate_issue(actor=None, learner=learner, course=course)
        certificate = certificate_render(certificate_id=certificate.pk)
        elapsed = time.perf_counter() - start
        html = certificate_html(certificate)
        start = time.perf_counter()
        HTML(string=html).write_pdf(font_config=font_config(), pdf_variant=PDF_VARIANT)
        if n >= 3:  # the first few warm caches (templates, fonts, key)
            service.append(elapsed)
            bare.append(time.perf_counter() - start)
    return statistics.median(service) / statistics.median(bare), statistics.median(service), statistics.median(bare)


def purge_queue() -> None:
    from lms.celery import app

    app.control.purge()


def start_worker(stack: Stack, concurrency: int) -> tuple[subprocess.Popen, Path]:
    log = stack.var_dir / f"worker-{concurrency}.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "-l",
            "info",
            "--pool",
            "prefork",
            "--concurrency",
            str(concurrency),
            "-n",
            f"bench{concurrency}@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=BASE_DIR,
        env=stack.env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while " ready." not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"worker did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)
    time.sleep(1.0)  # let the pool's children finish importing
    return process, log


def stop_worker(process: subprocess.Popen) -> None:
    import signal

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def batch_seconds(stack: Stack, concurrency: int, prefix: str) -> float:
    from django.db import transaction

    from certificates.models import Certificate
    from certificates.services import certificate_issue

    course, learners = make_learners(prefix, BATCH)
    process, _log = start_worker(stack, concurrency)
    try:
        with transaction.atomic():
            ids = [certificate_issue(actor=None, learner=learner, course=course).pk for learner in learners]
        start = time.perf_counter()  # the render jobs are queued as the transaction commits
        deadline = start + 600
        while Certificate.objects.filter(pk__in=ids, status=Certificate.Status.READY).count() < len(ids):
            if time.perf_counter() > deadline:
                raise SystemExit("batch did not finish in 10 minutes")
            time.sleep(0.1)
        return time.perf_counter() - start
    finally:
        stop_worker(process)
        if os.environ.get("BENCH_SHOW_WORKER_LOG"):
            print("\n".join(_log.read_text(errors="replace").splitlines()[-12:]))


def main() -> None:
    stack = Stack(name="benchcert")
    try:
        stack._create_database()
        stack._purge_broker()
        stack._manage("migrate", "--noinput")
        stack._manage("seed_demo")
        setup_django(stack)
        ratio, service, bare = measure_ratio()
        purge_queue()
        one = batch_seconds(stack, 1, "A")
        two = batch_seconds(stack, 2, "B")
    finally:
        stack.stop()
    backend = "postgresql" if stack.env["DATABASE_URL"].startswith("postgres") else "sqlite"
    print(f"# database: {backend}; {SINGLE} certificates for the ratio, batches of {BATCH}; load {os.getloadavg()}")
    print(f"RESULT certificate_service_median_ms {service * 1000:.1f} ms")
    print(f"RESULT certificate_bare_weasyprint_median_ms {bare * 1000:.1f} ms")
    print(f"RESULT certificate_vs_bare_ratio {ratio:.3f}")
    print(f"RESULT certificate_batch_one_worker_s {one:.1f} s ({BATCH / one:.1f} certificates/s)")
    print(f"RESULT certificate_batch_two_workers_s {two:.1f} s ({BATCH / two:.1f} certificates/s)")
    print(f"RESULT certificate_two_worker_speedup {one / two:.2f}")


if __name__ == "__main__":
    main()
