import pytest
from django.core.exceptions import PermissionDenied

from certificates.models import Certificate
from courses.models import Enrollment, LessonProgress
from courses.selectors import course_lessons, course_outline
from courses.services import lesson_complete
from lms.audit.models import AuditEvent
from tests.factories import LearnerFactory, OfficerFactory, build_course, enrol


@pytest.fixture
def course():
    return build_course(lessons=3, title="Menjahit Dasar")


@pytest.fixture
def lessons(course):
    return list(course_lessons(course))


@pytest.fixture
def learner(course):
    learner = LearnerFactory()
    enrol(learner, course)
    return learner


@pytest.mark.django_db
def test_lesson_complete_marks_progress_once(learner, lessons):
    first = lesson_complete(learner=learner, lesson=lessons[0])
    again = lesson_complete(learner=learner, lesson=lessons[0])

    row = LessonProgress.objects.get(learner=learner, lesson=lessons[0])
    assert row.completed_at is not None
    assert first.pk == again.pk == row.pk
    assert again.completed_at == first.completed_at


@pytest.mark.django_db
def test_outline_percent_and_next_lesson(learner, course, lessons):
    outline = course_outline(learner=learner, course=course)
    assert (outline.total, outline.done, outline.percent) == (3, 0, 0)
    assert outline.next_lesson == lessons[0]

    lesson_complete(learner=learner, lesson=lessons[0])
    outline = course_outline(learner=learner, course=course)
    assert (outline.done, outline.percent) == (1, 33)
    assert outline.next_lesson == lessons[1]

    lesson_complete(learner=learner, lesson=lessons[2])  # out of order: resume still goes to the gap
    outline = course_outline(learner=learner, course=course)
    assert (outline.done, outline.percent) == (2, 67)
    assert outline.next_lesson == lessons[1]
    assert not outline.is_complete


@pytest.mark.django_db
def test_outline_is_per_learner(learner, course, lessons):
    classmate = LearnerFactory(facility=learner.facility)
    enrol(classmate, course)
    lesson_complete(learner=learner, lesson=lessons[0])

    assert course_outline(learner=classmate, course=course).done == 0


@pytest.mark.django_db
def test_opened_lesson_is_started_not_completed(client, learner, course, lessons):
    client.force_login(learner)

    assert client.get(lessons[1].get_url()).status_code == 200

    item = course_outline(learner=learner, course=course).items[1]
    assert item.started and not item.completed


@pytest.mark.django_db
def test_unpublished_lessons_do_not_count(learner, course, lessons):
    lessons[2].unpublish()
    lesson_complete(learner=learner, lesson=lessons[0])
    lesson_complete(learner=learner, lesson=lessons[1])

    outline = course_outline(learner=learner, course=course)
    assert outline.total == 2
    assert outline.is_complete


@pytest.mark.django_db
def test_completing_the_last_lesson_completes_the_course_and_issues_one_certificate(learner, course, lessons):
    for lesson in lessons[:-1]:
        lesson_complete(learner=learner, lesson=lesson)
    enrollment = Enrollment.objects.get(learner=learner, course=course)
    assert enrollment.completed_at is None
    assert not Certificate.objects.exists()

    lesson_complete(learner=learner, lesson=lessons[-1])
    enrollment.refresh_from_db()
    completed_at = enrollment.completed_at
    assert completed_at is not None

    for lesson in lessons:
        lesson_complete(learner=learner, lesson=lesson)

    enrollment.refresh_from_db()
    assert enrollment.completed_at == completed_at
    certificate = Certificate.objects.get()
    assert (certificate.learner, certificate.course) == (learner, course)
    assert certificate.course_title == "Menjahit Dasar"
    assert certificate.learner_name == learner.full_name
    assert AuditEvent.objects.filter(action="course.complete").count() == 1
    assert AuditEvent.objects.filter(action="certificate.issue").count() == 1


@pytest.mark.django_db
def test_not_enrolled_learner_cannot_complete_a_lesson(lessons):
    stranger = LearnerFactory()

    with pytest.raises(PermissionDenied):
        lesson_complete(learner=stranger, lesson=lessons[0])

    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_officer_cannot_complete_lessons(lessons):
    with pytest.raises(PermissionDenied):
        lesson_complete(learner=OfficerFactory(), lesson=lessons[0])


@pytest.mark.django_db
def test_lesson_page_sends_anonymous_visitors_to_learner_sign_in(client, lessons):
    url = lessons[0].get_url()

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/masuk/?next=")
    assert url in response.url.replace("%2F", "/")


@pytest.mark.django_db
def test_lesson_and_course_pages_refuse_a_learner_who_is_not_enrolled(client, course, lessons):
    client.force_login(LearnerFactory())

    for page in (course, lessons[0]):
        response = client.get(page.get_url())
        assert response.status_code == 302
        assert response.url == "/belajar/"
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_officer_may_read_lessons(client, lessons):
    client.force_login(OfficerFactory())

    assert client.get(lessons[0].get_url()).status_code == 200
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_mark_complete_view_goes_to_the_next_lesson(client, learner, lessons):
    client.force_login(learner)

    response = client.post(f"/belajar/pelajaran/{lessons[0].pk}/selesai/")

    assert response.status_code == 302
    assert response.url == lessons[1].get_url()
    assert LessonProgress.objects.get(learner=learner, lesson=lessons[0]).completed_at is not None


@pytest.mark.django_db
def test_mark_complete_view_on_the_last_lesson_finishes_the_course(client, learner, course, lessons):
    client.force_login(learner)

    for lesson in lessons:
        response = client.post(f"/belajar/pelajaran/{lesson.pk}/selesai/")

    assert response.status_code == 302
    assert response.url == "/belajar/"
    assert Enrollment.objects.get(learner=learner, course=course).completed_at is not None
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1


@pytest.mark.django_db
def test_mark_complete_view_refuses_get_and_strangers(client, lessons):
    client.force_login(LearnerFactory())
    url = f"/belajar/pelajaran/{lessons[0].pk}/selesai/"

    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == "/belajar/"
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_resume_goes_to_the_first_unfinished_lesson(client, learner, course, lessons):
    lesson_complete(learner=learner, lesson=lessons[0])
    client.force_login(learner)

    response = client.get(f"/belajar/kursus/{course.pk}/lanjutkan/")

    assert response.status_code == 302
    assert response.url == lessons[1].get_url()
