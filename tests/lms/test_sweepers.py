"""Jobs that were never queued, or whose worker died, are found and finished exactly once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue
from certificates.tasks import resume_stalled_renders
from courses.models import Enrollment
from lms.accounts.models import User
from lms.jobs.models import OutboxMessage
from sandbox_shop import workflow
from sandbox_shop.models import PracticeListing
from sandbox_shop.tasks import resume_stalled_promotions
from store.models import ProductPage, Promotion
from tests.factories import ListingFactory, OfficerFactory, add_photo, build_course, build_store, request_promotion


@pytest.mark.django_db
def test_a_lost_promotion_is_resumed_once(settings):
    settings.JOB_STALL_SECONDS = 60
    listing = ListingFactory()
    add_photo(listing)
    build_store(listing.facility)
    officer = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=listing.facility)
    workflow.listing_submit(actor=listing.learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing)
    approved_only = ListingFactory(facility=listing.facility, learner=listing.learner, status="approved")
    PracticeListing.objects.filter(pk=approved_only.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    request_promotion(listing, officer)  # the queued job is lost: no on_commit here
    assert ProductPage.objects.count() == 0

    assert resume_stalled_promotions() == 0  # too recent to count as stalled
    Promotion.objects.update(updated_at=timezone.now() - timedelta(minutes=5))
    assert resume_stalled_promotions() == 1  # not the listing nobody asked to promote
    assert resume_stalled_promotions() == 0
    listing.refresh_from_db()
    assert listing.status == PracticeListing.Status.PROMOTED
    assert ProductPage.objects.filter(source_key=f"sandbox_shop.listing:{listing.pk}").count() == 1


@pytest.mark.django_db
def test_a_lost_certificate_render_is_resumed_once(settings):
    settings.JOB_STALL_SECONDS = 60
    course = build_course(lessons=1)
    listing = ListingFactory()  # any learner with a facility
    learner = listing.learner
    Enrollment.objects.create(learner=learner, course=course)
    certificate = certificate_issue(actor=None, learner=learner, course=course)  # render job lost
    assert certificate.status == Certificate.Status.PENDING

    Certificate.objects.filter(pk=certificate.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert resume_stalled_renders() == 1
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.READY and certificate.pdf
    assert resume_stalled_renders() == 0
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_broker_down_does_not_undo_or_break_a_promotion_request(monkeypatch, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    from sandbox_shop import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.promote_listing, "apply_async", broker_down)
    listing = ListingFactory()
    add_photo(listing)
    build_store(listing.facility)
    workflow.listing_submit(actor=listing.learner, listing=listing)
    officer = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=listing.facility)
    workflow.listing_approve(actor=officer, listing=listing)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_promotion(listing, officer)
    assert len(callbacks) == 1
    listing.refresh_from_db()
    assert listing.status == PracticeListing.Status.APPROVED  # committed; the sweeper will promote it
    assert Promotion.objects.filter(product__isnull=True).count() == 1
    pending = OutboxMessage.objects.get(sent_at__isnull=True, task__endswith="promote_listing")  # kept for the relay
    assert pending.args[0] == listing.pk
