from datetime import timedelta

import pytest
from django.utils import timezone

from lms.accounts.models import User
from sandbox_shop import selectors, workflow
from sandbox_shop.models import ListingStatusChange, PracticeListing
from tests.factories import (
    CohortFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    add_photo,
)

S = PracticeListing.Status
SCORES = {"photos": 3, "title": 3, "description": 3, "price": 3, "legality": 3}


def submitted(learner, *, days_ago: float = 0) -> PracticeListing:
    listing = ListingFactory(learner=learner)
    add_photo(listing)
    workflow.listing_submit(actor=learner, listing=listing)
    ListingStatusChange.objects.filter(listing=listing).update(created_at=timezone.now() - timedelta(days=days_ago))
    return listing


def queue(user, **filters) -> list[int]:
    return [listing.pk for listing in selectors.review_queue(user=user, **filters)]


@pytest.fixture
def facility():
    return FacilityFactory()


@pytest.mark.django_db
def test_oldest_waiting_first_and_drafts_left_out(facility):
    learner = LearnerFactory(facility=facility)
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)
    new, old, middle = submitted(learner, days_ago=0.1), submitted(learner, days_ago=5), submitted(learner, days_ago=2)
    ListingFactory(learner=learner)  # a draft

    assert queue(admin) == [old.pk, middle.pk, new.pk]
    rows = list(selectors.review_queue(user=admin))
    assert rows[0].waiting_since < rows[1].waiting_since


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "expected"), [(None, 3), (1, 2), (3, 1), (7, 0)])
def test_waiting_time_filter(facility, days, expected):
    learner = LearnerFactory(facility=facility)
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)
    submitted(learner, days_ago=0.5)
    submitted(learner, days_ago=2)
    submitted(learner, days_ago=4)

    assert len(queue(admin, waiting_days=days)) == expected


@pytest.mark.django_db
def test_status_filter_and_all_statuses(facility):
    learner = LearnerFactory(facility=facility)
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)
    waiting, sent_back = submitted(learner), submitted(learner)
    workflow.listing_request_changes(actor=admin, listing=sent_back, comment="Tambah foto.", scores=SCORES)

    assert queue(admin) == [waiting.pk]
    assert queue(admin, status=S.CHANGES_REQUESTED) == [sent_back.pk]
    assert set(queue(admin, status=None)) == {waiting.pk, sent_back.pk}


@pytest.mark.django_db
def test_cohort_filter(facility):
    in_cohort, outside = LearnerFactory(facility=facility), LearnerFactory(facility=facility)
    cohort = CohortFactory(facility=facility)
    cohort.learners.add(in_cohort)
    other_cohort = CohortFactory(facility=facility)
    other_cohort.learners.add(in_cohort)  # a learner in two cohorts is still listed once
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)
    mine, _theirs = submitted(in_cohort), submitted(outside)

    assert queue(admin, cohort=cohort) == [mine.pk]


@pytest.mark.django_db
def test_scoping_by_role(facility):
    taught, untaught = LearnerFactory(facility=facility), LearnerFactory(facility=facility)
    neighbour = FacilityFactory(region=facility.region)
    far = FacilityFactory()
    here = [submitted(taught), submitted(untaught)]
    next_door = submitted(LearnerFactory(facility=neighbour))
    far_away = submitted(LearnerFactory(facility=far))
    instructor = InstructorFactory(facility=facility, cohort_learners=[taught])
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)
    regional = OfficerFactory(role=User.Role.REGIONAL_ADMIN, facility=None, region=facility.region)
    learner = taught

    assert queue(instructor) == [here[0].pk]
    assert set(queue(admin)) == {here[0].pk, here[1].pk}
    assert set(queue(regional)) == {here[0].pk, here[1].pk, next_door.pk}
    assert far_away.pk not in queue(regional)
    assert queue(learner) == [here[0].pk]  # the layer scopes learners to their own (the view refuses them)


@pytest.mark.django_db
def test_revisions_with_their_reviews_and_changes(facility):
    learner = LearnerFactory(facility=facility)
    admin = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)
    listing = submitted(learner)
    workflow.listing_request_changes(
        actor=admin, listing=listing, scores=SCORES, field_comments={"price": "Hitung lagi HPP."}
    )
    PracticeListing.objects.filter(pk=listing.pk).update(price=52000)
    workflow.listing_submit(actor=learner, listing=listing)

    first, second = selectors.listing_revisions(listing)

    assert first.changes == []
    assert first.review.decision == "request_changes"
    assert [c.field for c in second.changes] == ["price"]
    assert second.review is None
    assert selectors.latest_review(listing).field_comments.get().text == "Hitung lagi HPP."
