"""Officers enrol in the courses made for them and earn certificates like any learner; WBP never see them."""

import pytest
from django.core.exceptions import ValidationError

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, LessonPage
from courses.quizzes.models import Quiz
from courses.quizzes.selectors import lesson_quiz_refs
from courses.selectors import course_lessons, course_outline
from courses.services import enrollment_add, enrollment_join
from lms.home.curriculum.builder import curriculum_build
from tests.courses.test_demo_quizzes import _right_answers
from tests.factories import AdminFactory, InstructorFactory, LearnerFactory, build_site, enrol

OFFICER_COURSE = "mendampingi-wbp-berjualan"


@pytest.fixture
def officer_course():
    courses = curriculum_build(home=build_site())
    course = courses[OFFICER_COURSE]
    assert course.audience == CoursePage.Audience.OFFICERS
    return course


def _answer_quizzes(client, lesson: LessonPage, html: str) -> None:
    for ref in lesson_quiz_refs(lesson):
        quiz = Quiz.objects.get(pk=ref.quiz_id)
        token = html.split('name="attempt" value="', 1)[1].split('"', 1)[0]
        response = client.post(
            lesson.url, {"quiz_block": ref.block_id, "attempt": token, **_right_answers(quiz)}, follow=True
        )
        assert "Anda lulus kuis" in response.content.decode()


@pytest.mark.django_db
def test_an_officer_enrols_completes_the_officers_course_and_gets_its_certificate(client, officer_course):
    officer = InstructorFactory()
    client.force_login(officer)

    page = client.get(officer_course.url).content.decode()
    assert "Ikuti kursus ini" in page  # not enrolled yet: the page offers to enrol
    response = client.post(f"/belajar/kursus/{officer_course.pk}/ikuti/")
    assert response.status_code == 302
    assert Enrollment.objects.filter(learner=officer, course=officer_course).exists()

    lessons = course_lessons(officer_course)
    assert lessons, "the officers' course has lessons"
    for lesson in lessons:
        html = client.get(lesson.url).content.decode()
        assert "data-lesson-heartbeat" in html  # the officer learns: time on task counts
        if lesson_quiz_refs(lesson):
            _answer_quizzes(client, lesson, html)
        response = client.post(f"/belajar/pelajaran/{lesson.pk}/selesai/")
        assert response.status_code == 302

    assert course_outline(learner=officer, course=officer_course).is_complete
    enrollment = Enrollment.objects.get(learner=officer, course=officer_course)
    assert enrollment.completed_at is not None
    certificate = Certificate.objects.get(learner=officer, course=officer_course)
    assert certificate.revoked_at is None
    home = client.get("/petugas/").content.decode()
    assert officer_course.title in home and "Kursus selesai" in home


@pytest.mark.django_db
def test_the_officers_course_has_quizzes_an_officer_takes_for_real(client, officer_course):
    officer = InstructorFactory()
    enrollment_join(officer=officer, course=officer_course)
    client.force_login(officer)
    lesson = next(lesson for lesson in course_lessons(officer_course) if lesson_quiz_refs(lesson))

    html = client.get(lesson.url).content.decode()

    assert 'name="attempt"' in html  # a real attempt, not the officers' preview
    from courses.quizzes.models import QuizAttempt

    assert QuizAttempt.objects.filter(learner=officer, lesson=lesson).exists()


@pytest.mark.django_db
def test_learners_never_see_or_join_the_officers_course(client, officer_course):
    learner = LearnerFactory()
    with pytest.raises(ValidationError):
        enrollment_add(actor=AdminFactory(facility=learner.facility), learner=learner, course=officer_course)
    with pytest.raises(ValidationError):
        enrollment_join(officer=AdminFactory(), course=CoursePage.objects.exclude(pk=officer_course.pk).first())

    enrol(learner, officer_course)  # even enrolled by mistake, the course stays closed to WBP
    client.force_login(learner)
    lesson = course_lessons(officer_course)[0]
    assert client.get(lesson.url).status_code == 302
    assert client.get(officer_course.url).status_code == 302
    catalogue = client.get(officer_course.get_parent().url).content.decode()
    assert officer_course.title not in catalogue
    assert "Literasi Digital" in catalogue
