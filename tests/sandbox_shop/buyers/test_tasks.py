"""Approval queues the practice buyers; the sweeper finds lost or unfinished jobs and finishes them once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.accounts.models import User
from sandbox_shop import workflow
from sandbox_shop.buyers import services
from sandbox_shop.buyers.models import BuyerMessage, BuyerScenario
from sandbox_shop.buyers.tasks import create_buyer_scenario, resume_missing_buyer_scenarios
from sandbox_shop.models import ListingStatusChange
from tests.factories import ListingFactory, OfficerFactory, add_photo, approved_listing, build_store

pytestmark = pytest.mark.django_db


def submitted_listing():
    listing = ListingFactory()
    add_photo(listing)
    build_store(listing.facility)
    workflow.listing_submit(actor=listing.learner, listing=listing)
    return listing


def approve(listing):
    officer = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=listing.facility)
    workflow.listing_approve(actor=officer, listing=listing)


def test_approval_queues_the_practice_buyers(django_capture_on_commit_callbacks):
    listing = submitted_listing()
    with django_capture_on_commit_callbacks(execute=True):
        approve(listing)
    scenario = BuyerScenario.objects.get(listing=listing)
    assert scenario.ready_at is not None and scenario.messages.count() == 5


def test_the_task_twice_is_one_scenario():
    listing = approved_listing()
    first = create_buyer_scenario.delay(listing.pk).get()
    second = create_buyer_scenario.delay(listing.pk).get()
    assert first == second
    assert BuyerScenario.objects.count() == 1 and BuyerMessage.objects.count() == 5


def age_approval(listing, minutes=5):
    ListingStatusChange.objects.filter(listing=listing).update(created_at=timezone.now() - timedelta(minutes=minutes))


def test_a_lost_job_is_resumed_once(settings):
    settings.JOB_STALL_SECONDS = 60
    listing = submitted_listing()
    approve(listing)  # the queued job is lost: on_commit never runs in this test
    assert not BuyerScenario.objects.exists()

    assert resume_missing_buyer_scenarios() == 0  # too recent to count as lost
    age_approval(listing)
    assert resume_missing_buyer_scenarios() == 1
    assert resume_missing_buyer_scenarios() == 0
    assert BuyerScenario.objects.get(listing=listing).messages.count() == 5


def test_an_unfinished_scenario_is_resumed(settings):
    settings.JOB_STALL_SECONDS = 60
    listing = submitted_listing()
    approve(listing)
    scenario = services.scenario_build(listing_id=listing.pk)
    BuyerScenario.objects.filter(pk=scenario.pk).update(ready_at=None)
    scenario.messages.filter(key__in=["cod", "complaint"]).delete()
    age_approval(listing)

    assert resume_missing_buyer_scenarios() == 1
    assert BuyerMessage.objects.filter(scenario=scenario).count() == 5
    assert resume_missing_buyer_scenarios() == 0


def test_the_sweeper_leaves_listings_not_approved(settings):
    settings.JOB_STALL_SECONDS = 60
    listing = submitted_listing()
    age_approval(listing)
    assert resume_missing_buyer_scenarios() == 0


def test_the_sweeper_is_in_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "sandbox_shop.buyers.tasks.resume_missing_buyer_scenarios" in tasks
