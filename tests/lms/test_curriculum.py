"""The curriculum data (lms.home.curriculum) is well formed, and its builder makes the pages it describes."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from courses.models import CoursePage, LessonPage, ModulePage
from lms.home import curriculum
from lms.home.curriculum import builder

ALL_LESSONS = [lesson for course, _quizzes in curriculum.COURSES for lesson in curriculum.lessons(course)]
# what the lesson text block's editor keeps (courses.blocks: bold, italic, lists; <a> only from practicum)
ALLOWED_TAGS = {"p", "b", "i", "ul", "ol", "li", "br"}


def test_three_courses_with_enough_lessons_and_quizzes():
    assert [course["audience"] for course, _ in curriculum.COURSES] == ["wbp", "wbp", "officers"]
    assert len(ALL_LESSONS) >= 16
    assert len(curriculum.QUIZZES) >= 5
    slugs = [lesson["slug"] for lesson in ALL_LESSONS]
    assert len(slugs) == len(set(slugs)), "lesson slugs are unique across courses"
    assert len({quiz["title"] for quiz in curriculum.QUIZZES}) == len(curriculum.QUIZZES)
    assert len({quiz["lesson"] for quiz in curriculum.QUIZZES}) == len(curriculum.QUIZZES)
    for course, quizzes in curriculum.COURSES:
        assert {quiz["lesson"] for quiz in quizzes} <= {lesson["slug"] for lesson in curriculum.lessons(course)}


def test_sandbox_shop_rules_point_at_lessons_that_exist():
    from sandbox_shop.quality import RULES

    course = next(c for c, _ in curriculum.COURSES if c["slug"] == "berjualan-online")
    assert {rule.lesson for rule in RULES} <= {lesson["slug"] for lesson in curriculum.lessons(course)}


@pytest.mark.parametrize("quiz", curriculum.QUIZZES, ids=lambda quiz: quiz["title"])
def test_every_quiz_can_be_answered_and_gives_feedback(quiz):
    assert 0 < quiz["pass_mark"] <= 100 and quiz["score_policy"] in {"best", "last"}
    prefixes = [question["text"].split(".")[0] for question in quiz["questions"]]
    assert len(prefixes) == len(set(prefixes)), "the browser test finds a question by its first sentence"
    for question in quiz["questions"]:
        assert question["feedback_correct"] and question["feedback_wrong"], question["text"]
        if question["kind"] in {"single", "multiple"}:
            options = question["options"]
            right = [text for text, correct, _ in options if correct]
            assert len(options) >= 2 and len({text for text, _, _ in options}) == len(options)
            assert len(right) == 1 if question["kind"] == "single" else len(right) >= 1
        elif question["kind"] == "number":
            assert Decimal(question["correct_number"]) == int(Decimal(question["correct_number"]))
        else:
            assert question["kind"] == "true_false" and isinstance(question["correct_true"], bool)


@pytest.mark.parametrize("lesson", ALL_LESSONS, ids=lambda lesson: lesson["slug"])
def test_lesson_text_uses_only_what_the_editor_keeps(lesson):
    assert lesson["body"] and 5 <= lesson["minutes"] <= 30
    for kind, value in lesson["body"]:
        assert kind in {"heading", "paragraph", "image", "callout", "practicum"}
        html = value if kind == "paragraph" else (value.get("text", "") if kind == "callout" else "")
        assert set(re.findall(r"</?([a-z0-9]+)", html)) <= ALLOWED_TAGS, lesson["slug"]


def test_stream_block_writes_callouts_and_practicum_tasks_as_their_blocks():
    assert builder.stream_block("heading", "Judul") == ("heading", "Judul")
    assert builder.stream_block("callout", {"tone": "tip", "text": "Coba."}) == (
        "callout",
        {"kind": "tip", "text": "<p>Coba.</p>"},
    )
    assert builder.stream_block("callout", {"tone": "warning", "text": "Awas."})[1]["kind"] == "warning"
    kind, value = builder.stream_block("practicum", {"title": "Lapak <1>", "instructions": "Tulis."})
    assert kind == "practicum" and value == {"title": "Lapak <1>", "instructions": "<p>Tulis.</p>"}
    with pytest.raises(ValueError):
        builder.stream_block("video", {})


@pytest.mark.django_db
def test_builder_makes_the_pages_in_order_and_adds_nothing_the_second_time():
    call_command("seed_demo")
    home = CoursePage.objects.first().get_parent().get_parent()
    before = LessonPage.objects.count()

    built = builder.curriculum_build(home=home)

    assert LessonPage.objects.count() == before == len(ALL_LESSONS)
    for course_spec, _quizzes in curriculum.COURSES:
        course = built[course_spec["slug"]]
        assert course.live and course.title == course_spec["title"]
        modules = ModulePage.objects.child_of(course).live().order_by("path")
        assert [module.title for module in modules] == [module["title"] for module in course_spec["modules"]]
        live = LessonPage.objects.descendant_of(course).live().order_by("path")
        assert [page.slug for page in live] == [lesson["slug"] for lesson in curriculum.lessons(course_spec)]
        assert all(page.depth == course.depth + 2 for page in live)  # every lesson sits in its module


@pytest.mark.django_db
def test_officer_course_and_practicum_link_render(client):
    call_command("seed_demo")
    assert client.login(email="instruktur@kld.bekal.test", password="bekal-demo-2026")
    course = CoursePage.objects.get(slug="mendampingi-wbp-berjualan")
    assert "Menjalankan Lab Komputer" in client.get(course.url).content.decode()

    page = client.get(LessonPage.objects.get(slug="judul-dan-deskripsi").url).content.decode()
    assert 'href="/toko-latihan/baru/"' in page and "Praktik: Tulis lapak pertama" in page
    assert 'class="callout callout-warning"' in page
