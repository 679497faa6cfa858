"""The Celery worker is SIGKILLed in the middle of a job; after a restart each job is done exactly once.

A first worker runs with ``JOB_PAUSE_AT`` so the job stops at a known point (the product made but
not committed, the PDF written but not recorded, the package unpacked but not installed); the
drill kills it there. A second worker, with the beat sweepers on a short clock, finds the job
unfinished and finishes it: one product, one certificate per learner, one package.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from certificates.models import Certificate
from certificates.services import certificate_issue
from courses.h5p.models import H5PImport, H5PPackage
from courses.h5p.services import h5p_import_start
from courses.models import Enrollment
from lms.accounts.models import User
from sandbox_shop import workflow
from sandbox_shop.models import PracticeListing
from sandbox_shop.tasks import resume_stalled_promotions
from store.models import ProductPage, Promotion
from tests.factories import (
    AdminFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    add_photo,
    build_course,
    build_store,
    request_promotion,
)
from tests.factories.h5p import good_package

from .conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)
RESTART = {"JOB_STALL_SECONDS": "1", "JOB_SWEEP_SECONDS": "1", "OUTBOX_RELAY_SECONDS": "1"}


def kill_when_paused(worker, point: str) -> None:
    flag = worker.var_dir / f"paused-{point}"
    wait_for(flag.exists, 60, f"the job to reach {point}", log=worker.log)
    worker.kill()


def test_a_promotion_killed_midway_makes_one_product(start_worker):
    listing = ListingFactory()
    add_photo(listing)
    build_store(listing.facility)
    officer = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=listing.facility)
    workflow.listing_submit(actor=listing.learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing)
    first = start_worker(JOB_PAUSE_AT="listing.promote")
    request_promotion(listing, officer)  # committed: the job goes to the worker

    kill_when_paused(first, "listing.promote")
    listing.refresh_from_db()
    assert listing.status == PracticeListing.Status.APPROVED  # the half-made product was rolled back
    assert ProductPage.objects.count() == 0

    second = start_worker(beat=True, **RESTART)
    wait_for(
        lambda: PracticeListing.objects.get(pk=listing.pk).status == PracticeListing.Status.PROMOTED,
        60,
        "the promotion to finish after the restart",
        log=second.log,
    )
    second.stop()
    assert resume_stalled_promotions() == 0
    assert ProductPage.objects.filter(source_key=f"sandbox_shop.listing:{listing.pk}").count() == 1
    assert ProductPage.objects.count() == 1
    assert Promotion.objects.get().product_id == PracticeListing.objects.get(pk=listing.pk).product_id


def test_a_certificate_batch_killed_midway_gives_one_certificate_each(start_worker):
    course = build_course(lessons=1)
    facility = LearnerFactory().facility
    learners = [LearnerFactory(facility=facility) for _ in range(3)]
    for learner in learners:
        Enrollment.objects.create(learner=learner, course=course, completed_at="2026-08-01T10:00:00Z")
    first = start_worker(JOB_PAUSE_AT="certificate.render@2")
    with transaction.atomic():  # the batch: three render jobs queued at commit
        for learner in learners:
            certificate_issue(actor=None, learner=learner, course=course)

    kill_when_paused(first, "certificate.render")
    statuses = sorted(Certificate.objects.values_list("status", flat=True))
    assert statuses == ["pending", "pending", "ready"]  # one done, one killed midway, one not begun

    second = start_worker(beat=True, **RESTART)
    wait_for(
        lambda: Certificate.objects.filter(status=Certificate.Status.READY).count() == 3,
        90,
        "every certificate to be rendered after the restart",
        log=second.log,
    )
    second.stop()
    assert Certificate.objects.count() == 3
    assert sorted(Certificate.objects.values_list("learner_id", flat=True)) == sorted(u.pk for u in learners)
    for certificate in Certificate.objects.all():
        assert certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name)
        assert certificate.pdf.open("rb").read(5) == b"%PDF-"


def test_an_h5p_import_killed_midway_installs_one_package(start_worker, tmp_path):
    admin = AdminFactory()
    path = good_package(tmp_path)
    first = start_worker(JOB_PAUSE_AT="h5p.import")
    row = h5p_import_start(actor=admin, upload=SimpleUploadedFile("kuis.h5p", path.read_bytes()))

    kill_when_paused(first, "h5p.import")
    assert H5PImport.objects.get(pk=row.pk).status == H5PImport.Status.RUNNING
    assert H5PPackage.objects.count() == 0

    second = start_worker(beat=True, **RESTART)
    wait_for(
        lambda: H5PImport.objects.get(pk=row.pk).status == H5PImport.Status.DONE,
        60,
        "the import to finish after the restart",
        log=second.log,
    )
    second.stop()
    assert H5PPackage.objects.count() == 1
    assert H5PImport.objects.get(pk=row.pk).package_id == H5PPackage.objects.get().pk
