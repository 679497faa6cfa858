"""Scoring of every question type, number parsing and option shuffling (courses/quizzes/grading.py)."""

from decimal import Decimal

import pytest

from courses.quizzes.grading import grade_quiz, ordered_options, parse_number
from tests.factories.content import build_quiz


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("15000", "15000"),
        ("15.000", "15000"),
        ("Rp15.000", "15000"),
        ("Rp 15.000,-", "15000"),
        ("rp. 45.000", "45000"),
        ("1.250.000", "1250000"),
        ("1.250.000,50", "1250000.50"),
        ("15,000", "15000"),
        ("2,5", "2.5"),
        ("15.5", "15.5"),
        ("0.250", "0.250"),
        ("0,25", "0.25"),
        ("1,250.75", "1250.75"),
        (" 44 800 ", "44800"),
        ("-3", "-3"),
    ],
)
def test_parse_number_reads_indonesian_and_plain_numbers(typed, value):
    assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["", "   ", "abc", "15.000.5", "1.2.3,4,5", "Rp", "12a", ".", None])
def test_parse_number_refuses_what_is_not_a_number(typed):
    assert parse_number(typed) is None


def _one(kind, **spec):
    return build_quiz(questions=[{"kind": kind, "text": "?", **spec}])


@pytest.mark.django_db
def test_single_choice_right_and_wrong():
    quiz = _one("single", options=[("a", False), ("b", True), ("c", False)])
    question = quiz.questions.get()
    right, wrong = (question.options.get(text="b").pk, question.options.get(text="a").pk)

    assert grade_quiz(quiz, {f"q{question.pk}": str(right)}).score == Decimal("100.00")
    assert grade_quiz(quiz, {f"q{question.pk}": str(wrong)}).score == Decimal("0.00")
    assert grade_quiz(quiz, {}).score == Decimal("0.00")
    assert grade_quiz(quiz, {f"q{question.pk}": "not-an-id"}).score == Decimal("0.00")


@pytest.mark.django_db
def test_multiple_choice_partial_credit_is_right_minus_wrong_over_right():
    quiz = _one("multiple", options=[("a", True), ("b", True), ("c", False), ("d", False)])
    question = quiz.questions.get()
    a, b, c, d = (question.options.get(text=t).pk for t in "abcd")

    def score(*ids):
        return grade_quiz(quiz, {f"q{question.pk}": [str(i) for i in ids]}).score

    assert score(a, b) == Decimal("100.00")
    assert score(a) == Decimal("50.00")  # half of the right ones, nothing wrong
    assert score(a, b, c) == Decimal("50.00")  # one wrong tick takes one right tick away
    assert score(a, c) == Decimal("0.00")
    assert score(a, b, c, d) == Decimal("0.00")  # ticking everything earns nothing
    assert score() == Decimal("0.00")
    result = grade_quiz(quiz, {f"q{question.pk}": [str(a)]}).results[question.pk]
    assert not result.correct and result.points == Decimal("0.5")


@pytest.mark.django_db
def test_options_of_another_question_do_not_count():
    quiz = build_quiz(
        questions=[
            {"kind": "multiple", "text": "1", "options": [("a", True), ("b", False)]},
            {"kind": "multiple", "text": "2", "options": [("x", True), ("y", False)]},
        ]
    )
    first, second = quiz.questions.all()
    foreign = second.options.get(text="x").pk

    grade = grade_quiz(quiz, {f"q{first.pk}": [str(foreign)]})

    assert grade.results[first.pk].points == 0
    assert grade.score == Decimal("0.00")


@pytest.mark.django_db
def test_true_false():
    quiz = _one("true_false", correct_true=False)
    name = f"q{quiz.questions.get().pk}"

    assert grade_quiz(quiz, {name: "false"}).score == 100
    assert grade_quiz(quiz, {name: "true"}).score == 0
    assert grade_quiz(quiz, {name: "maybe"}).score == 0


@pytest.mark.django_db
def test_number_answer_with_tolerance_and_indonesian_input():
    quiz = _one("number", correct_number=Decimal("45000"), tolerance=Decimal("500"))
    name = f"q{quiz.questions.get().pk}"

    for typed in ("45000", "45.000", "Rp45.000", "44.800", "45.500"):
        assert grade_quiz(quiz, {name: typed}).passed, typed
    for typed in ("45.501", "44.499", "4.500", "empat puluh lima ribu", ""):
        assert not grade_quiz(quiz, {name: typed}).passed, typed


@pytest.mark.django_db
def test_exact_number_without_tolerance():
    quiz = _one("number", correct_number=Decimal("32000"))
    name = f"q{quiz.questions.get().pk}"

    assert grade_quiz(quiz, {name: "32.000"}).passed
    assert not grade_quiz(quiz, {name: "32.001"}).passed


@pytest.mark.django_db
def test_quiz_score_is_the_mean_and_pass_mark_is_inclusive():
    quiz = build_quiz(
        pass_mark=50,
        questions=[
            {"kind": "true_false", "text": "1", "correct_true": True},
            {"kind": "true_false", "text": "2", "correct_true": True},
        ],
    )
    first, second = quiz.questions.all()

    grade = grade_quiz(quiz, {f"q{first.pk}": "true", f"q{second.pk}": "false"})

    assert grade.score == Decimal("50.00")
    assert grade.passed


@pytest.mark.django_db
def test_shuffle_is_stable_per_seed_and_differs_between_seeds():
    quiz = _one("single", options=[(str(n), n == 0) for n in range(8)])
    question = quiz.questions.get()

    def order(seed):
        return [o.pk for o in ordered_options(question, seed=seed, shuffle=True)]

    assert order(12345) == order(12345)
    assert len({tuple(order(seed)) for seed in range(1, 20)}) > 1
    assert sorted(order(7)) == sorted(o.pk for o in question.options.all())
    assert [o.pk for o in ordered_options(question, seed=7, shuffle=False)] == [
        o.pk for o in question.options.order_by("sort_order")
    ]


@pytest.mark.django_db
def test_two_answers_to_a_single_choice_question_earn_nothing():
    quiz = _one("single", options=[("a", True), ("b", False)])
    question = quiz.questions.get()

    assert grade_quiz(quiz, {f"q{question.pk}": [str(o.pk) for o in question.options.all()]}).score == 0
