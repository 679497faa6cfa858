import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.models import Enrollment
from courses.services import cohort_course_add, cohort_course_remove, enrollment_add, enrollment_remove
from lms.accounts.models import Cohort
from lms.accounts.services import _join_cohort
from lms.audit.models import AuditEvent
from tests.factories import CohortFactory, InstructorFactory, LearnerFactory, build_course


@pytest.fixture
def course():
    return build_course(lessons=2, title="Literasi Digital")


@pytest.fixture
def setup():
    learners = [LearnerFactory(), LearnerFactory()]
    learners[1].facility = learners[0].facility
    learners[1].save()
    instructor = InstructorFactory(facility=learners[0].facility, cohort_learners=learners)
    cohort = Cohort.objects.get(instructors=instructor)
    return instructor, cohort, learners


@pytest.mark.django_db
def test_assigning_a_course_enrols_the_cohort_and_later_members(setup, course):
    instructor, cohort, _learners = setup
    assert cohort_course_add(actor=instructor, cohort=cohort, course=course) == 2
    assert Enrollment.objects.filter(course=course, source="cohort").count() == 2
    assert AuditEvent.objects.filter(action="cohort.course_add").count() == 1

    newcomer = LearnerFactory(facility=cohort.facility)
    _join_cohort(newcomer, cohort)  # what creating/importing a learner into the cohort does
    assert Enrollment.objects.filter(learner=newcomer, course=course).exists()

    assert cohort_course_add(actor=instructor, cohort=cohort, course=course) == 0  # again: nothing new


@pytest.mark.django_db
def test_an_instructor_cannot_assign_to_a_cohort_they_do_not_teach(setup, course):
    instructor, cohort, _ = setup
    other = CohortFactory(facility=cohort.facility)
    with pytest.raises(PermissionDenied):
        cohort_course_add(actor=instructor, cohort=other, course=course)
    with pytest.raises(PermissionDenied):
        cohort_course_add(actor=LearnerFactory(facility=cohort.facility), cohort=cohort, course=course)
    assert not Enrollment.objects.exists()


@pytest.mark.django_db
def test_an_unpublished_course_cannot_be_assigned(setup, course):
    instructor, cohort, _ = setup
    course.unpublish()
    course.refresh_from_db()
    with pytest.raises(ValidationError):
        cohort_course_add(actor=instructor, cohort=cohort, course=course)
    assert not cohort.courses.exists()


@pytest.mark.django_db
def test_individual_enrol_and_unenrol(setup, course):
    instructor, _cohort, learners = setup
    enrollment = enrollment_add(actor=instructor, learner=learners[0], course=course)
    assert enrollment.source == Enrollment.Source.INDIVIDUAL
    assert enrollment_add(actor=instructor, learner=learners[0], course=course).pk == enrollment.pk
    enrollment_remove(actor=instructor, learner=learners[0], course=course)
    assert not Enrollment.objects.filter(learner=learners[0]).exists()
    assert list(
        AuditEvent.objects.filter(action__startswith="enrollment.").order_by("pk").values_list("action", flat=True)
    ) == [
        "enrollment.add",
        "enrollment.remove",
    ]


@pytest.mark.django_db
def test_instructor_cannot_enrol_a_learner_they_do_not_teach(setup, course):
    instructor, cohort, _ = setup
    stranger = LearnerFactory(facility=cohort.facility)
    with pytest.raises(PermissionDenied):
        enrollment_add(actor=instructor, learner=stranger, course=course)


@pytest.mark.django_db
def test_unenrol_refused_while_the_cohort_has_the_course_or_when_finished(setup, course):
    instructor, cohort, learners = setup
    cohort_course_add(actor=instructor, cohort=cohort, course=course)
    with pytest.raises(ValidationError):
        enrollment_remove(actor=instructor, learner=learners[0], course=course)
    cohort_course_remove(actor=instructor, cohort=cohort, course=course)
    assert Enrollment.objects.filter(course=course).count() == 2  # enrolments kept
    Enrollment.objects.filter(learner=learners[1]).update(completed_at="2026-01-01T00:00:00Z")
    with pytest.raises(ValidationError):
        enrollment_remove(actor=instructor, learner=learners[1], course=course)
    enrollment_remove(actor=instructor, learner=learners[0], course=course)
    assert list(Enrollment.objects.values_list("learner", flat=True)) == [learners[1].pk]


@pytest.mark.django_db
def test_cohort_pages_assign_through_the_form(client, setup, course):
    instructor, cohort, _learners = setup
    client.force_login(instructor)
    page = client.get(reverse("officer_cohort_detail", args=[cohort.pk])).content.decode()
    assert course.title in page
    response = client.post(reverse("officer_cohort_course_add", args=[cohort.pk]), {"course": course.pk})
    assert response.status_code == 302
    assert Enrollment.objects.filter(course=course).count() == 2
    response = client.post(reverse("officer_cohort_course_add", args=[cohort.pk]), {"course": "x"}, follow=True)
    assert "Pilih kursus" in response.content.decode() or "Choose a course" in response.content.decode()


@pytest.mark.django_db
def test_learner_learning_page_enrols_and_refuses_with_a_message(client, setup, course):
    instructor, cohort, learners = setup
    client.force_login(instructor)
    url = reverse("officer_learner_enrol", args=[learners[0].pk])
    client.post(url, {"course": course.pk})
    assert Enrollment.objects.filter(learner=learners[0], course=course).exists()
    cohort.courses.add(course)
    response = client.post(
        reverse("officer_learner_unenrol", args=[learners[0].pk]), {"course": course.pk}, follow=True
    )
    assert Enrollment.objects.filter(learner=learners[0], course=course).exists()
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"
