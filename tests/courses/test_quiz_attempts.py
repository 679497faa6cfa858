"""Quiz attempts through the services and the lesson page: recording, idempotency, policies, permissions."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from courses.quizzes.models import Quiz, QuizAttempt
from courses.quizzes.selectors import quiz_results
from courses.quizzes.services import QuizNotInLesson, quiz_attempt_start, quiz_attempt_submit
from courses.selectors import course_lessons
from lms.audit.models import AuditEvent
from tests.factories import LearnerFactory, OfficerFactory, build_course, enrol
from tests.factories.content import add_quiz, build_quiz
from tests.factories.learning import quiz_answers

QUESTIONS = [
    {"kind": "single", "text": "Foto sampul?", "options": [("Depan", True), ("Gelap", False), ("Buram", False)]},
    {"kind": "multiple", "text": "Foto baik?", "options": [("Terang", True), ("Latar polos", True), ("Blitz", False)]},
    {"kind": "true_false", "text": "Warna jujur?", "correct_true": True},
    {"kind": "number", "text": "Harga jual?", "correct_number": Decimal("45000"), "tolerance": Decimal("0")},
]


@pytest.fixture
def course():
    return build_course(lessons=2, title="Foto Produk")


@pytest.fixture
def lesson(course):
    return course_lessons(course)[0]


@pytest.fixture
def quiz():
    return build_quiz(title="Kuis Foto", questions=QUESTIONS, pass_mark=75)


@pytest.fixture
def block_id(lesson, quiz):
    return add_quiz(lesson, quiz)


@pytest.fixture
def learner(course):
    learner = LearnerFactory()
    enrol(learner, course)
    return learner


def _radio_order(html: str, question) -> list[str]:
    return re.findall(rf'name="q{question.pk}" value="(\d+)"', html)


def _post(client, lesson, block_id, attempt, data):
    return client.post(lesson.get_url(), {"quiz_block": block_id, "attempt": str(attempt.token), **data})


@pytest.mark.django_db
def test_opening_the_lesson_opens_one_attempt_and_a_reload_keeps_its_order(client, learner, lesson, quiz, block_id):
    client.force_login(learner)

    first = client.get(lesson.get_url()).content.decode()
    second = client.get(lesson.get_url()).content.decode()

    attempt = QuizAttempt.objects.get()
    assert attempt.is_open and attempt.learner == learner and attempt.lesson_id == lesson.pk
    assert str(attempt.token) in first
    question = quiz.questions.get(kind="single")
    assert _radio_order(first, question) == _radio_order(second, question) != []
    assert '<fieldset class="quiz-question">' in first and "<legend>" in first


@pytest.mark.django_db
def test_submitting_records_the_attempt_and_shows_feedback(client, learner, lesson, quiz, block_id):
    quiz.questions.filter(kind="single").update(feedback_correct="Bagus, foto depan paling jelas.")
    client.force_login(learner)
    client.get(lesson.get_url())
    attempt = QuizAttempt.objects.get()

    response = _post(client, lesson, block_id, attempt, quiz_answers(quiz))

    assert response.status_code == 302
    assert response.url == f"{lesson.get_url()}#quiz-{block_id}"
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.started_at <= attempt.submitted_at
    assert (attempt.score, attempt.passed) == (Decimal("100.00"), True)
    assert set(attempt.answers) == {str(q.pk) for q in quiz.questions.all()}
    page = client.get(lesson.get_url()).content.decode()
    assert "Bagus, foto depan paling jelas." in page
    assert "quiz-passed" in page
    assert QuizAttempt.objects.count() == 1  # showing the result opens no new attempt
    assert AuditEvent.objects.filter(action="quiz.submit").count() == 1


@pytest.mark.django_db
def test_the_server_ignores_a_score_in_the_post(client, learner, lesson, quiz, block_id):
    client.force_login(learner)
    client.get(lesson.get_url())
    attempt = QuizAttempt.objects.get()

    _post(client, lesson, block_id, attempt, {**quiz_answers(quiz, right=False), "score": "100", "passed": "1"})

    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (Decimal("0.00"), False)


@pytest.mark.django_db
def test_posting_the_same_attempt_twice_records_it_once(client, learner, lesson, quiz, block_id):
    client.force_login(learner)
    client.get(lesson.get_url())
    attempt = QuizAttempt.objects.get()

    _post(client, lesson, block_id, attempt, quiz_answers(quiz, right=False))
    _post(client, lesson, block_id, attempt, quiz_answers(quiz, right=True))  # a second click, or a reload

    attempt.refresh_from_db()
    assert QuizAttempt.objects.count() == 1
    assert (attempt.score, attempt.passed) == (Decimal("0.00"), False)  # the first post stands
    assert AuditEvent.objects.filter(action="quiz.submit").count() == 1


@pytest.mark.django_db
def test_try_again_opens_a_new_attempt_and_keeps_the_old_one(client, learner, lesson, quiz, block_id):
    client.force_login(learner)
    client.get(lesson.get_url())
    first = QuizAttempt.objects.get()
    _post(client, lesson, block_id, first, quiz_answers(quiz, right=False))

    client.post(lesson.get_url(), {"quiz_block": block_id, "action": "retry"})
    client.post(lesson.get_url(), {"quiz_block": block_id, "action": "retry"})  # double click: still one open

    assert QuizAttempt.objects.count() == 2
    second = QuizAttempt.objects.get(submitted_at__isnull=True)
    _post(client, lesson, block_id, second, quiz_answers(quiz))
    assert list(QuizAttempt.objects.order_by("pk").values_list("passed", flat=True)) == [False, True]


@pytest.mark.django_db
@pytest.mark.parametrize(("policy", "passed", "score"), [("best", True, "100.00"), ("last", False, "0.00")])
def test_score_policy_best_or_last(learner, lesson, quiz, block_id, policy, passed, score):
    Quiz.objects.filter(pk=quiz.pk).update(score_policy=policy)
    for right in (True, False):
        attempt = quiz_attempt_start(learner=learner, quiz=quiz, lesson=lesson)
        quiz_attempt_submit(learner=learner, token=attempt.token, data=quiz_answers(quiz, right=right), lesson=lesson)

    result = quiz_results(learner=learner, quiz_ids=[quiz.pk])[quiz.pk]

    assert result.attempts == 2
    assert (result.passed, result.score) == (passed, Decimal(score))


@pytest.mark.django_db
def test_another_learner_cannot_submit_my_attempt(client, learner, course, lesson, quiz, block_id):
    attempt = quiz_attempt_start(learner=learner, quiz=quiz, lesson=lesson)
    classmate = LearnerFactory(facility=learner.facility)
    enrol(classmate, course)

    with pytest.raises(PermissionDenied):
        quiz_attempt_submit(learner=classmate, token=attempt.token, data=quiz_answers(quiz), lesson=lesson)
    client.force_login(classmate)
    _post(client, lesson, block_id, attempt, quiz_answers(quiz))

    attempt.refresh_from_db()
    assert attempt.is_open and attempt.score is None
    assert not QuizAttempt.objects.filter(learner=classmate, submitted_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_learner_who_is_not_enrolled_leaves_no_attempt(client, lesson, quiz, block_id):
    stranger = LearnerFactory()

    with pytest.raises(PermissionDenied):
        quiz_attempt_start(learner=stranger, quiz=quiz, lesson=lesson)
    client.force_login(stranger)
    response = client.post(lesson.get_url(), {"quiz_block": block_id, "action": "retry"})

    assert response.status_code == 302 and response.url == "/belajar/"
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_a_quiz_must_be_placed_in_the_lesson(learner, course, quiz, block_id):
    other_lesson = list(course_lessons(course))[1]

    with pytest.raises(QuizNotInLesson):
        quiz_attempt_start(learner=learner, quiz=quiz, lesson=other_lesson)


@pytest.mark.django_db
def test_officers_preview_without_leaving_attempts(client, lesson, quiz, block_id):
    client.force_login(OfficerFactory())

    page = client.get(lesson.get_url()).content.decode()
    assert "quiz-form" in page and 'name="attempt"' not in page
    response = client.post(lesson.get_url(), {"quiz_block": block_id, **quiz_answers(quiz)})

    assert response.status_code == 200
    assert "quiz-passed" in response.content.decode()
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_officers_cannot_start_attempts(lesson, quiz, block_id):
    with pytest.raises(PermissionDenied):
        quiz_attempt_start(learner=OfficerFactory(), quiz=quiz, lesson=lesson)


@pytest.mark.django_db
def test_a_garbled_token_is_refused_politely(client, learner, lesson, quiz, block_id):
    client.force_login(learner)

    response = client.post(lesson.get_url(), {"quiz_block": block_id, "attempt": "nonsense", **quiz_answers(quiz)})

    assert response.status_code == 302
    assert not QuizAttempt.objects.filter(submitted_at__isnull=False).exists()
