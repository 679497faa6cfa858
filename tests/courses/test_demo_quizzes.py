"""The curriculum's quizzes: seeded once, placed once, answerable with the answers in lms.home.curriculum."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from courses.models import LessonPage
from courses.quizzes.grading import grade_quiz
from courses.quizzes.models import Quiz, QuizOption, QuizQuestion
from courses.quizzes.selectors import lesson_quiz_refs
from lms.home.curriculum import QUIZZES


def _right_answers(quiz: Quiz) -> dict:
    data = {}
    for question in quiz.questions.all():
        if question.kind == "number":
            data[f"q{question.pk}"] = f"{question.correct_number:,.0f}".replace(",", ".")  # e.g. "15.000"
        elif question.kind == "true_false":
            data[f"q{question.pk}"] = "true" if question.correct_true else "false"
        else:
            data[f"q{question.pk}"] = [str(o.pk) for o in question.options.all() if o.is_correct]
    return data


@pytest.mark.django_db
def test_seed_demo_adds_the_quizzes_once():
    call_command("seed_demo")
    counts = (Quiz.objects.count(), QuizQuestion.objects.count(), QuizOption.objects.count())
    call_command("seed_demo")

    assert (Quiz.objects.count(), QuizQuestion.objects.count(), QuizOption.objects.count()) == counts
    assert counts[0] == len(QUIZZES) >= 5
    kinds = set(QuizQuestion.objects.values_list("kind", flat=True))
    assert kinds == {"single", "multiple", "true_false", "number"}
    for spec in QUIZZES:
        lesson = LessonPage.objects.get(slug=spec["lesson"])
        refs = lesson_quiz_refs(lesson)
        assert [ref.quiz_id for ref in refs] == [Quiz.objects.get(title=spec["title"]).pk]
        assert refs[0].required


@pytest.mark.django_db
def test_demo_quizzes_pass_with_their_right_answers():
    call_command("seed_demo")

    for quiz in Quiz.objects.all():
        grade = grade_quiz(quiz, _right_answers(quiz))
        assert grade.score == Decimal("100.00"), quiz.title
        assert grade.passed
        assert grade_quiz(quiz, {}).score == 0


@pytest.mark.django_db
def test_demo_learner_sees_the_quiz_on_the_lesson_page(client):
    call_command("seed_demo")
    client.post("/masuk/", {"facility": "KLD", "registration_number": "BI.001", "pin": "135790"})

    page = client.get(LessonPage.objects.get(slug="harga-jual").get_url()).content.decode()

    assert "Menghitung Harga Jual dari HPP" in page
    assert 'inputmode="decimal"' in page
