"""A course is complete when every lesson is finished and every required quiz passed."""

import pytest

from certificates.models import Certificate
from courses.models import Enrollment
from courses.quizzes.services import quiz_attempt_start, quiz_attempt_submit
from courses.selectors import course_lessons, course_outline
from courses.services import lesson_complete
from tests.factories import LearnerFactory, build_course, enrol
from tests.factories.content import add_quiz, build_quiz
from tests.factories.learning import pass_quiz, quiz_answers


@pytest.fixture
def course():
    return build_course(lessons=2, title="Harga Jual")


@pytest.fixture
def lessons(course):
    return list(course_lessons(course))


@pytest.fixture
def learner(course):
    learner = LearnerFactory()
    enrol(learner, course)
    return learner


def _finish_lessons(learner, lessons):
    for lesson in lessons:
        lesson_complete(learner=learner, lesson=lesson)


@pytest.mark.django_db
def test_required_quiz_holds_the_course_until_passed(learner, course, lessons):
    quiz = build_quiz()
    add_quiz(lessons[0], quiz)
    lessons = list(course_lessons(course))

    _finish_lessons(learner, lessons)

    outline = course_outline(learner=learner, course=course)
    assert not outline.is_complete
    assert outline.items[0].marked_done and outline.items[0].quizzes_pending == 1
    assert outline.next_lesson == lessons[0]
    assert Enrollment.objects.get(learner=learner).completed_at is None
    assert not Certificate.objects.exists()

    attempt = quiz_attempt_start(learner=learner, quiz=quiz, lesson=lessons[0])
    quiz_attempt_submit(learner=learner, token=attempt.token, data=quiz_answers(quiz, right=False), lesson=lessons[0])
    assert not Certificate.objects.exists()  # a failed attempt does not count

    pass_quiz(learner, lessons[0], quiz)

    assert course_outline(learner=learner, course=course).is_complete
    assert Enrollment.objects.get(learner=learner).completed_at is not None
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1


@pytest.mark.django_db
def test_passing_first_then_finishing_the_last_lesson_completes_once(learner, course, lessons):
    quiz = build_quiz()
    add_quiz(lessons[1], quiz)
    lessons = list(course_lessons(course))

    pass_quiz(learner, lessons[1], quiz)
    assert Enrollment.objects.get(learner=learner).completed_at is None
    _finish_lessons(learner, lessons)
    pass_quiz(learner, lessons[1], quiz)  # passing again changes nothing

    assert Enrollment.objects.get(learner=learner).completed_at is not None
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_optional_quizzes_do_not_hold_the_course(learner, course, lessons):
    add_quiz(lessons[0], build_quiz(), required=False)
    lessons = list(course_lessons(course))

    _finish_lessons(learner, lessons)

    assert course_outline(learner=learner, course=course).is_complete
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_last_policy_a_failed_last_attempt_holds_the_course(learner, course, lessons):
    quiz = build_quiz(score_policy="last")
    add_quiz(lessons[0], quiz)
    lessons = list(course_lessons(course))
    lesson_complete(learner=learner, lesson=lessons[1])
    pass_quiz(learner, lessons[0], quiz)
    attempt = quiz_attempt_start(learner=learner, quiz=quiz, lesson=lessons[0])
    quiz_attempt_submit(learner=learner, token=attempt.token, data=quiz_answers(quiz, right=False), lesson=lessons[0])

    lesson_complete(learner=learner, lesson=lessons[0])

    assert not course_outline(learner=learner, course=course).is_complete
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_the_lesson_page_asks_for_the_quiz_before_the_finish_button(client, learner, course, lessons):
    quiz = build_quiz()
    add_quiz(lessons[0], quiz)
    client.force_login(learner)

    page = client.get(lessons[0].get_url()).content.decode()
    assert "quiz-pending" in page and "/selesai/" not in page

    pass_quiz(learner, lessons[0], quiz)
    page = client.get(lessons[0].get_url()).content.decode()
    assert "quiz-pending" not in page and "/selesai/" in page


@pytest.mark.django_db
def test_finishing_through_the_page_after_the_quiz_issues_the_certificate(client, learner, course, lessons):
    quiz = build_quiz()
    block_id = add_quiz(lessons[1], quiz)
    lessons = list(course_lessons(course))
    client.force_login(learner)
    client.post(f"/belajar/pelajaran/{lessons[0].pk}/selesai/")

    client.get(lessons[1].get_url())
    attempt = quiz.attempts.get()
    client.post(lessons[1].get_url(), {"quiz_block": block_id, "attempt": str(attempt.token), **quiz_answers(quiz)})
    response = client.post(f"/belajar/pelajaran/{lessons[1].pk}/selesai/")

    assert response.url == "/belajar/"
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1


@pytest.mark.django_db
def test_a_block_pointing_at_a_deleted_quiz_does_not_hold_the_course(learner, course, lessons):
    quiz = build_quiz()
    add_quiz(lessons[0], quiz)
    quiz.delete()  # no attempts yet, so the snippet may be deleted
    lessons = list(course_lessons(course))

    _finish_lessons(learner, lessons)

    assert course_outline(learner=learner, course=course).is_complete


@pytest.mark.django_db
def test_the_course_page_says_which_lesson_still_needs_its_quiz(client, learner, course, lessons):
    add_quiz(lessons[0], build_quiz())
    lesson_complete(learner=learner, lesson=lessons[0])
    client.force_login(learner)

    page = client.get(course.get_url()).content.decode()

    assert "quiz-pending-badge" in page


@pytest.mark.django_db
def test_marking_a_lesson_with_a_pending_quiz_returns_to_the_lesson(client, learner, course, lessons):
    add_quiz(lessons[0], build_quiz())
    client.force_login(learner)

    response = client.post(f"/belajar/pelajaran/{lessons[0].pk}/selesai/")

    assert response.status_code == 302
    assert response.url == lessons[0].get_url()
    item = course_outline(learner=learner, course=course).items[0]
    assert item.marked_done and not item.completed
