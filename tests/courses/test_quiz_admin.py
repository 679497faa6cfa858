"""Authoring quizzes in the Wagtail admin: nested questions and options, checked before saving."""

import pytest

from courses.quizzes.models import Quiz
from tests.factories import AdminFactory

URL = "/cms/snippets/courses/quiz/add/"


def _form(questions):
    data = {
        "title": "Kuis Admin",
        "intro": "",
        "pass_mark": "70",
        "score_policy": "best",
        "shuffle_options": "on",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for n, (kind, options, extra) in enumerate(questions):
        prefix = f"questions-{n}"
        data.update(
            {
                f"{prefix}-kind": kind,
                f"{prefix}-text": f"Pertanyaan {n + 1}",
                f"{prefix}-tolerance": "0",
                f"{prefix}-ORDER": str(n + 1),
                f"{prefix}-options-TOTAL_FORMS": str(len(options)),
                f"{prefix}-options-INITIAL_FORMS": "0",
                f"{prefix}-options-MIN_NUM_FORMS": "0",
                f"{prefix}-options-MAX_NUM_FORMS": "1000",
                **{f"{prefix}-{key}": value for key, value in extra.items()},
            }
        )
        for m, (text, correct) in enumerate(options):
            data[f"{prefix}-options-{m}-text"] = text
            data[f"{prefix}-options-{m}-ORDER"] = str(m + 1)
            if correct:
                data[f"{prefix}-options-{m}-is_correct"] = "on"
    return data


@pytest.fixture
def editor(client):
    client.force_login(AdminFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.django_db
def test_an_officer_creates_a_quiz_with_nested_options(editor):
    response = editor.post(
        URL,
        _form(
            [
                ("single", [("Ya", True), ("Tidak", False)], {}),
                ("number", [], {"correct_number": "15000", "unit": "Rp"}),
            ]
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    quiz = Quiz.objects.get(title="Kuis Admin")
    single, number = quiz.questions.all()
    assert [(o.text, o.is_correct) for o in single.options.all()] == [("Ya", True), ("Tidak", False)]
    assert number.correct_number == 15000


@pytest.mark.django_db
@pytest.mark.parametrize(
    "question",
    [
        ("single", [("Ya", True), ("Juga ya", True)], {}),
        ("single", [("Ya", True)], {}),
        ("multiple", [("A", False), ("B", False)], {}),
        ("number", [], {}),
    ],
)
def test_unanswerable_questions_are_refused(editor, question):
    response = editor.post(URL, _form([question]))

    assert response.status_code == 200
    assert not Quiz.objects.exists()
