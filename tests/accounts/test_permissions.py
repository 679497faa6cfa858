from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from lms.accounts import permissions
from lms.accounts.models import User
from sandbox_shop.models import PracticeListing
from tests.factories import (
    CohortFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    RegionFactory,
)


@pytest.fixture
def world():
    """Region north: facilities A and A2; region south: facility B. One listing per learner."""
    north, south = RegionFactory(name="Kanwil Utara"), RegionFactory(name="Kanwil Selatan")
    a, a2, b = FacilityFactory(region=north), FacilityFactory(region=north), FacilityFactory(region=south)
    learners = {
        "a": LearnerFactory(facility=a),
        "a_classmate": LearnerFactory(facility=a),
        "a2": LearnerFactory(facility=a2),
        "b": LearnerFactory(facility=b),
    }
    listings = {key: ListingFactory(learner=learner) for key, learner in learners.items()}
    return SimpleNamespace(north=north, south=south, a=a, a2=a2, b=b, learners=learners, listings=listings)


def visible_listings(user, *, owner="learner") -> set[str]:
    qs = permissions.scope(PracticeListing.objects.all(), user, facility="facility", owner=owner)
    return {listing.learner.username for listing in qs.select_related("learner")}


def usernames(world, *keys) -> set[str]:
    return {world.learners[key].username for key in keys}


@pytest.mark.django_db
def test_learner_sees_only_own_rows(world):
    assert visible_listings(world.learners["a"]) == usernames(world, "a")
    assert set(PracticeListing.objects.visible_to(world.learners["a"])) == {world.listings["a"]}


@pytest.mark.django_db
def test_learner_sees_facility_rows_when_rows_have_no_owner(world):
    assert visible_listings(world.learners["a"], owner=None) == usernames(world, "a", "a_classmate")


@pytest.mark.django_db
def test_facility_admin_sees_own_facility_only(world):
    officer = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=world.a)

    assert visible_listings(officer) == usernames(world, "a", "a_classmate")


@pytest.mark.django_db
def test_instructor_sees_only_the_learners_of_their_cohorts(world):
    instructor = InstructorFactory(facility=world.a, cohort_learners=[world.learners["a"]])
    other_cohort = CohortFactory(facility=world.a)
    other_cohort.learners.add(world.learners["a_classmate"])

    assert visible_listings(instructor) == usernames(world, "a")
    assert set(permissions.learners_visible_to(instructor)) == {world.learners["a"]}
    assert set(PracticeListing.objects.visible_to(instructor)) == {world.listings["a"]}


@pytest.mark.django_db
def test_instructor_without_cohorts_sees_no_learners(world):
    instructor = InstructorFactory(facility=world.a)

    assert visible_listings(instructor) == set()
    assert not permissions.learners_visible_to(instructor).exists()


@pytest.mark.django_db
def test_instructor_may_act_only_on_their_cohorts_learners(world):
    mine, other = world.learners["a"], world.learners["a_classmate"]
    instructor = InstructorFactory(facility=world.a, cohort_learners=[mine])

    assert permissions.can(instructor, "listing.review", facility=world.a, owner=mine)
    assert not permissions.can(instructor, "listing.review", facility=world.a, owner=other)
    assert permissions.can(instructor, "learner.manage", facility=world.a, owner=mine.pk)
    assert not permissions.can(instructor, "learner.manage", facility=world.a, owner=other.pk)


@pytest.mark.django_db
def test_instructor_in_two_cohorts_sees_each_learner_once(world):
    learner = world.learners["a"]
    instructor = InstructorFactory(facility=world.a, cohort_learners=[learner])
    second = CohortFactory(facility=world.a)
    second.learners.add(learner)
    second.instructors.add(instructor)

    assert list(permissions.learners_visible_to(instructor)) == [learner]
    assert list(PracticeListing.objects.visible_to(instructor)) == [world.listings["a"]]


@pytest.mark.django_db
def test_regional_admin_sees_the_facilities_of_their_region_only(world):
    admin = OfficerFactory(role=User.Role.REGIONAL_ADMIN, facility=None, region=world.north)

    assert visible_listings(admin) == usernames(world, "a", "a_classmate", "a2")
    assert set(permissions.facilities_visible_to(admin)) == {world.a, world.a2}


@pytest.mark.django_db
def test_regional_admin_without_a_region_sees_nothing(world):
    admin = OfficerFactory(role=User.Role.REGIONAL_ADMIN, facility=world.a, region=None)

    assert visible_listings(admin) == set()


@pytest.mark.django_db
def test_officer_without_a_facility_sees_nothing(world):
    assert visible_listings(OfficerFactory(facility=None)) == set()


@pytest.mark.django_db
def test_anonymous_sees_nothing(world):
    anonymous = AnonymousUser()

    assert visible_listings(anonymous) == set()
    assert visible_listings(None) == set()
    assert not permissions.learners_visible_to(anonymous).exists()
    assert not permissions.facilities_visible_to(anonymous).exists()


@pytest.mark.django_db
def test_deactivated_officer_sees_nothing(world):
    officer = OfficerFactory(facility=world.a, is_active=False)

    assert visible_listings(officer) == set()


@pytest.mark.django_db
def test_superuser_sees_everything(world):
    root = OfficerFactory(facility=None, is_superuser=True)

    assert visible_listings(root) == usernames(world, *world.learners)


@pytest.mark.django_db
def test_officer_never_sees_learners_of_another_facility(world):
    officer = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=world.a)

    visible = set(permissions.learners_visible_to(officer))

    assert visible == {world.learners["a"], world.learners["a_classmate"]}
    assert world.learners["b"] not in visible
    assert world.learners["a2"] not in visible
    assert officer not in visible  # only learners are listed


@pytest.mark.django_db
def test_regional_admin_lists_learners_of_the_region(world):
    admin = OfficerFactory(role=User.Role.REGIONAL_ADMIN, facility=None, region=world.south)

    assert set(permissions.learners_visible_to(admin)) == {world.learners["b"]}


@pytest.mark.django_db
def test_can_checks_role_facility_and_owner(world):
    learner, classmate = world.learners["a"], world.learners["a_classmate"]
    officer = OfficerFactory(facility=world.a)
    regional = OfficerFactory(role=User.Role.REGIONAL_ADMIN, facility=None, region=world.north)

    assert permissions.can(learner, "listing.edit", facility=world.a, owner=learner)
    assert not permissions.can(learner, "listing.edit", facility=world.a, owner=classmate)
    assert not permissions.can(learner, "listing.review", facility=world.a)
    assert permissions.can(officer, "listing.review", facility=world.a)
    assert not permissions.can(officer, "listing.review", facility=world.b)
    assert not permissions.can(officer, "listing.submit", facility=world.a)
    assert permissions.can(regional, "listing.review", facility=world.a2.pk)
    assert not permissions.can(regional, "listing.review", facility=world.b.pk)
    with pytest.raises(PermissionDenied):
        permissions.require(officer, "listing.review", facility=world.b)


@pytest.mark.django_db
def test_role_helpers(world):
    officer = OfficerFactory(facility=world.a)

    assert permissions.is_learner(world.learners["a"]) and not permissions.is_officer(world.learners["a"])
    assert permissions.is_officer(officer) and not permissions.is_learner(officer)
    assert not permissions.is_learner(AnonymousUser()) and not permissions.is_officer(AnonymousUser())


@pytest.mark.django_db
def test_a_learner_sees_only_themselves_among_learners():
    from lms.accounts import permissions
    from tests.factories import LearnerFactory

    learner = LearnerFactory()
    LearnerFactory(facility=learner.facility)
    assert list(permissions.learners_visible_to(learner)) == [learner]
