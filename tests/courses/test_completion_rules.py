"""Completion counts required lessons and quizzes, plus an approved practice listing under the practicum rule;
prerequisites lock a course with a clear explanation."""

import pytest
from django.core.exceptions import PermissionDenied

from courses.models import CoursePage, Enrollment
from courses.selectors import course_lessons, course_locked_by, course_outline
from courses.services import lesson_complete
from sandbox_shop.models import PracticeListing
from tests.factories import LearnerFactory, ListingFactory, build_course, build_product, build_store, enrol


def finish(learner, course):
    for lesson in course_lessons(course):
        lesson_complete(learner=learner, lesson=lesson)


def add_practicum(lesson):
    lesson.body.append(("practicum", {"title": "Buat iklan", "instructions": "<p>Buat iklan tas.</p>"}))
    lesson.save_revision().publish()


@pytest.mark.django_db
def test_optional_lessons_do_not_hold_the_course_back():
    course = build_course(lessons=3)
    optional = course_lessons(course)[2]
    optional.required = False
    optional.save_revision().publish()
    learner = LearnerFactory()
    enrol(learner, course)

    for lesson in course_lessons(course)[:2]:
        lesson_complete(learner=learner, lesson=lesson)

    outline = course_outline(learner=learner, course=course)
    assert (outline.done, outline.total, outline.percent) == (2, 2, 100)
    assert outline.is_complete
    assert Enrollment.objects.get(learner=learner, course=course).completed_at is not None


@pytest.mark.django_db
def test_practicum_rule_waits_for_an_approved_listing():
    course = build_course(lessons=2)
    add_practicum(course_lessons(course)[1])
    learner = LearnerFactory()
    enrol(learner, course)
    ListingFactory(learner=learner, status=PracticeListing.Status.SUBMITTED)

    finish(learner, course)
    outline = course_outline(learner=learner, course=course)
    assert outline.practicum_pending and not outline.is_complete
    assert Enrollment.objects.get(learner=learner, course=course).completed_at is None

    ListingFactory(learner=learner, status=PracticeListing.Status.APPROVED)
    assert course_outline(learner=learner, course=course).is_complete


@pytest.mark.django_db
def test_approving_the_practicum_listing_completes_a_course_that_waited_for_it(django_capture_on_commit_callbacks):
    from certificates.models import Certificate
    from sandbox_shop import workflow
    from tests.factories import OfficerFactory, add_photo

    course = build_course(lessons=1)
    add_practicum(course_lessons(course)[0])
    learner = LearnerFactory()
    enrol(learner, course)
    finish(learner, course)
    listing = ListingFactory(learner=learner)
    add_photo(listing)
    workflow.listing_submit(actor=learner, listing=listing)
    assert Enrollment.objects.get(learner=learner, course=course).completed_at is None

    officer = OfficerFactory(facility=learner.facility, role="facility_admin")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.listing_approve(actor=officer, listing=listing, comment="Bagus.")

    assert Enrollment.objects.get(learner=learner, course=course).completed_at is not None
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1


@pytest.mark.django_db
def test_another_learners_approved_listing_does_not_count():
    course = build_course(lessons=1)
    add_practicum(course_lessons(course)[0])
    learner = LearnerFactory()
    enrol(learner, course)
    ListingFactory(status=PracticeListing.Status.PROMOTED)

    finish(learner, course)

    assert not course_outline(learner=learner, course=course).is_complete


@pytest.mark.django_db
def test_lessons_and_quizzes_rule_ignores_the_practicum():
    course = build_course(lessons=1, completion_rule=CoursePage.CompletionRule.LESSONS_QUIZZES)
    add_practicum(course_lessons(course)[0])
    learner = LearnerFactory()
    enrol(learner, course)

    finish(learner, course)

    assert course_outline(learner=learner, course=course).is_complete


@pytest.fixture
def locked():
    basics = build_course(lessons=1, title="Literasi Digital", slug="literasi")
    selling = build_course(lessons=2, title="Jualan Online", slug="jualan")
    selling.prerequisites.add(basics)
    selling.save_revision().publish()
    learner = LearnerFactory()
    enrol(learner, basics)
    enrol(learner, selling)
    return basics, selling, learner


@pytest.mark.django_db
def test_a_locked_course_explains_itself_and_keeps_its_lessons_closed(client, locked):
    _, selling, learner = locked
    client.force_login(learner)
    lesson = course_lessons(selling)[0]

    page = client.get(selling.url).content.decode()
    assert "Selesaikan dulu kursus “Literasi Digital”" in page
    assert f'href="{lesson.url}"' not in page

    response = client.get(lesson.url, follow=True)
    assert response.redirect_chain[0][0] == selling.url
    assert "Selesaikan dulu kursus" in response.content.decode()
    assert client.get(f"/belajar/kursus/{selling.pk}/lanjutkan/").url == selling.url
    with pytest.raises(PermissionDenied):
        lesson_complete(learner=learner, lesson=lesson)


@pytest.mark.django_db
def test_finishing_the_prerequisite_opens_the_course(client, locked):
    basics, selling, learner = locked
    assert course_locked_by(learner=learner, course=selling) == [basics]

    finish(learner, basics)

    assert course_locked_by(learner=learner, course=selling) == []
    client.force_login(learner)
    assert client.get(course_lessons(selling)[0].url).status_code == 200


@pytest.mark.django_db
def test_officers_see_a_locked_course_open(client, locked):
    from tests.factories import InstructorFactory

    _, selling, _ = locked
    client.force_login(InstructorFactory())

    assert client.get(course_lessons(selling)[0].url).status_code == 200


@pytest.mark.django_db
def test_learner_home_shows_the_lock_and_the_missing_practicum(client, locked):
    basics, selling, learner = locked
    add_practicum(course_lessons(basics)[0])
    finish(learner, basics)  # lessons done, but no approved listing yet: still locked
    client.force_login(learner)

    page = client.get("/belajar/").content.decode()

    assert "Selesaikan dulu kursus “Literasi Digital”" in page
    assert "lapak latihanmu juga harus disetujui" in page
    assert f"/belajar/kursus/{selling.pk}/lanjutkan/" not in page


@pytest.mark.django_db
def test_a_course_cannot_require_itself():
    from django.core.exceptions import ValidationError

    course = build_course(lessons=1)
    course.prerequisites.add(course)

    with pytest.raises(ValidationError) as error:
        course.full_clean()

    assert "prerequisites" in error.value.message_dict


@pytest.mark.django_db
def test_a_store_listing_being_revised_still_counts_as_approved():
    course = build_course(lessons=1)
    add_practicum(course_lessons(course)[0])
    learner = LearnerFactory()
    enrol(learner, course)
    build_store(learner.facility)
    product = build_product(learner.facility)
    ListingFactory(learner=learner, status=PracticeListing.Status.REVISING, product=product)
    ListingFactory(learner=learner, status=PracticeListing.Status.REVISING)  # no product: never approved

    finish(learner, course)

    assert course_outline(learner=learner, course=course).is_complete
