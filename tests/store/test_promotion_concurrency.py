"""Promotion under real concurrency and real crashes: one product per listing, whatever the workers do.

These tests commit (``transaction=True``) and run the job in separate worker processes, each with its own
database connection, released together (or killed with SIGKILL midway), as Celery workers are.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection

from lms.audit.models import AuditEvent
from sandbox_shop import tasks, workflow
from sandbox_shop.models import ListingVariant, PracticeListing
from store.models import ProductPage, Promotion
from tests.factories import AdminFactory, FacilityFactory, LearnerFactory, ListingFactory, add_photo, build_store
from tests.factories import request_promotion as _request_promotion

S = PracticeListing.Status
BASE_DIR = Path(settings.BASE_DIR)
WORKERS = 3


@pytest.fixture
def promoted_world():
    """An approved listing of KLD whose promotion an officer has asked for; its job not run yet."""
    facility = FacilityFactory(code="KLD", name="Lapas Kelas IIA Kalianda")
    build_store(facility)
    officer = AdminFactory(facility=facility)
    listing = ListingFactory(learner=LearnerFactory(facility=facility), status=S.APPROVED, spp_irt_number="123")
    add_photo(listing, color=(200, 40, 40))
    add_photo(listing, color=(40, 200, 40))
    ListingVariant.objects.create(listing=listing, name="Kecil", price=30000, position=0)
    with mock.patch.object(tasks.promote_listing, "apply_async") as queued:
        _request_promotion(listing, officer)
    assert queued.call_count == 1  # the job that would go to the broker; the tests run it themselves
    return listing, officer


def _assert_promoted_once(listing: PracticeListing, product_id: int) -> None:
    assert ProductPage.objects.count() == 1
    product = ProductPage.objects.get()
    assert product.pk == product_id and product.live
    assert product.photos.count() == 2 and product.variants.count() == 1 and product.makers.count() == 1
    listing.refresh_from_db()
    assert listing.status == S.PROMOTED and listing.product_id == product_id
    assert listing.status_changes.filter(to_status=S.PROMOTED).count() == 1
    assert Promotion.objects.get().product_id == product_id
    assert AuditEvent.objects.filter(action="product.publish").count() == 1
    assert AuditEvent.objects.filter(action="listing.promote").count() == 1


@pytest.mark.django_db(transaction=True)
def test_promoting_twice_one_after_the_other_makes_one_product(promoted_world):
    listing, officer = promoted_world

    first = tasks.promote_listing.apply(args=[listing.pk, officer.pk]).get()
    second = tasks.promote_listing.apply(args=[listing.pk, officer.pk]).get()

    assert first == second
    _assert_promoted_once(listing, first)


# --- separate worker processes: racing, or killed midway (SIGKILL: no handler or rollback of ours runs) --

WORKER = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    import django
    django.setup()
    from unittest import mock
    from sandbox_shop import workflow
    from sandbox_shop.models import PracticeListing
    from sandbox_shop.tasks import promote_listing
    from store.services import product_publish

    listing_id, actor_id, mode, go = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
    Path(f"{go}.{os.getpid()}.ready").touch()
    while not go.exists():  # every worker is set up: they start together
        time.sleep(0.01)
    real_move = workflow._move

    def move(listing_id, name, **kwargs):
        if name == "promote" and mode == "kill_after_the_product":
            # the product, its photos, variants and makers are written; the listing is not yet promoted
            os.kill(os.getpid(), signal.SIGKILL)
        return real_move(listing_id, name, **kwargs)

    if mode == "publish_only":  # the store's own service, without the listing's row lock
        listing = PracticeListing.objects.get(pk=listing_id)
        product_id = product_publish(
            actor=None, facility=listing.facility, spec=workflow.product_spec(listing),
            source_key=workflow.source_key(listing_id),
        ).pk
    else:
        with mock.patch.object(workflow, "_move", move):
            product_id = promote_listing.apply(args=[listing_id, actor_id]).get()
    print(product_id, flush=True)
    if mode == "kill_before_the_ack":
        os.kill(os.getpid(), signal.SIGKILL)  # committed, but the broker never heard: it delivers the job again
    """
)


class _WorkerDatabase:
    """The database separate worker processes reach: the test database itself on PostgreSQL; on SQLite
    (whose test database lives in this process's memory) a file copy, copied back once the workers are gone.
    On the file, SQLite's own locking (WAL, IMMEDIATE transactions) serialises the racing writers."""

    def __init__(self, folder: Path):
        self.file = folder / "worker.sqlite3"

    def url(self) -> str:
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
            return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        assert connection.vendor == "sqlite"
        connection.ensure_connection()
        with sqlite3.connect(self.file) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{self.file}"

    def take_back(self) -> None:
        if connection.vendor == "sqlite":
            connection.close()
            connection.ensure_connection()
            with sqlite3.connect(self.file) as copy:  # opening it rolls back what a killed worker left
                copy.backup(connection.connection)


def _run_workers(tmp_path: Path, listing_id: int, actor_id: int, mode: str, count: int = 1) -> list[tuple[int, str]]:
    """Start ``count`` worker processes, release them together, and return each one's (exit code, output)."""
    database = _WorkerDatabase(tmp_path)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings",
        DATABASE_URL=database.url(),
        BEKAL_VAR_DIR=str(tmp_path / "worker-var"),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(listing_id), str(actor_id), mode, str(go)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    try:
        deadline = time.monotonic() + 240
        while len(list(tmp_path.glob("go.*.ready"))) < count:
            assert time.monotonic() < deadline, "the workers did not start"
            assert all(worker.poll() is None for worker in workers), [w.communicate() for w in workers]
            time.sleep(0.05)
        go.touch()
        outcomes = []
        for worker in workers:
            out, err = worker.communicate(timeout=240)
            outcomes.append((worker.returncode, out, err))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        database.take_back()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_workers_running_the_job_at_once_make_one_product(promoted_world, tmp_path):
    listing, officer = promoted_world

    outcomes = _run_workers(tmp_path, listing.pk, officer.pk, "race", count=WORKERS)

    assert [code for code, _out, _err in outcomes] == [0] * WORKERS, [err for _c, _o, err in outcomes]
    product_ids = {int(out.split()[-1]) for _code, out, _err in outcomes}
    assert len(product_ids) == 1
    _assert_promoted_once(listing, product_ids.pop())


@pytest.mark.django_db(transaction=True)
def test_publishing_one_source_at_once_returns_one_product(promoted_world, tmp_path):
    """The store's service called at once by several processes, without the listing's row lock: the
    database's unique ``source_key`` (and the page tree's unique path) keep it to one product."""
    listing, officer = promoted_world

    outcomes = _run_workers(tmp_path, listing.pk, officer.pk, "publish_only", count=WORKERS)

    assert [code for code, _out, _err in outcomes] == [0] * WORKERS, [err for _c, _o, err in outcomes]
    product_ids = {int(out.split()[-1]) for _code, out, _err in outcomes}
    assert len(product_ids) == 1
    key = workflow.source_key(listing.pk)
    assert ProductPage.objects.filter(source_key=key).count() == ProductPage.objects.count() == 1
    assert AuditEvent.objects.filter(action="product.publish").count() == 1
    assert Promotion.objects.get().product_id in product_ids


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_writing_the_product_leaves_nothing_and_the_redelivered_job_completes_once(
    promoted_world, tmp_path
):
    listing, officer = promoted_world

    [(code, out, err)] = _run_workers(tmp_path, listing.pk, officer.pk, "kill_after_the_product")

    assert code == -signal.SIGKILL, err
    assert out == ""
    listing.refresh_from_db()
    assert listing.status == S.APPROVED and listing.product_id is None
    assert not ProductPage.objects.exists()
    assert Promotion.objects.get().product_id is None

    product_id = tasks.promote_listing.apply(args=[listing.pk, officer.pk]).get()  # delivered again
    assert tasks.promote_listing.apply(args=[listing.pk, officer.pk]).get() == product_id
    _assert_promoted_once(listing, product_id)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_before_acknowledging_makes_the_redelivered_job_a_no_op(promoted_world, tmp_path):
    listing, officer = promoted_world

    [(code, out, err)] = _run_workers(tmp_path, listing.pk, officer.pk, "kill_before_the_ack")

    assert code == -signal.SIGKILL, err
    product_id = int(out.split()[-1])
    _assert_promoted_once(listing, product_id)

    assert tasks.promote_listing.apply(args=[listing.pk, officer.pk]).get() == product_id  # delivered again
    _assert_promoted_once(listing, product_id)
