"""Lessons sit in modules: course order runs module by module, and hidden modules hide their lessons."""

import pytest

from courses.models import ModulePage
from courses.selectors import course_lessons, course_outline
from courses.services import lesson_complete
from tests.factories import LearnerFactory, build_course, enrol


@pytest.fixture
def course():
    return build_course(lessons=5, modules=2, title="Menjahit")


@pytest.fixture
def learner(course):
    learner = LearnerFactory()
    enrol(learner, course)
    return learner


@pytest.mark.django_db
def test_lessons_run_module_by_module(course):
    lessons = course_lessons(course)

    assert [lesson.title for lesson in lessons] == [f"Pelajaran {n}" for n in range(1, 6)]
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    assert [lesson.get_parent().pk for lesson in lessons] == [modules[0].pk] * 3 + [modules[1].pk] * 2
    assert all(lesson.course().pk == course.pk for lesson in lessons)


@pytest.mark.django_db
def test_next_lesson_crosses_into_the_next_module(course, learner):
    lessons = course_lessons(course)
    for lesson in lessons[:3]:
        lesson_complete(learner=learner, lesson=lesson)

    outline = course_outline(learner=learner, course=course)
    assert outline.next_lesson.pk == lessons[3].pk
    assert outline.position_of(lessons[2])["next"].pk == lessons[3].pk
    assert [len(section.items) for section in outline.sections] == [3, 2]


@pytest.mark.django_db
def test_an_unpublished_module_hides_its_lessons(course, learner):
    second = ModulePage.objects.child_of(course).order_by("path").last()
    second.unpublish()
    lessons = course_lessons(course)
    for lesson in lessons:
        lesson_complete(learner=learner, lesson=lesson)

    outline = course_outline(learner=learner, course=course)
    assert outline.total == 3
    assert outline.is_complete


@pytest.mark.django_db
def test_module_page_lists_its_lessons_for_an_enrolled_learner(client, course, learner):
    module = ModulePage.objects.child_of(course).order_by("path").first()
    client.force_login(learner)

    page = client.get(module.url).content.decode()

    assert "Pelajaran 1" in page and "Pelajaran 3" in page
    assert "Pelajaran 4" not in page


@pytest.mark.django_db
def test_course_page_shows_modules_in_order(client, course, learner):
    client.force_login(learner)

    page = client.get(course.url).content.decode()

    assert page.index("Modul 1") < page.index("Pelajaran 3") < page.index("Modul 2") < page.index("Pelajaran 4")


@pytest.mark.django_db
def test_routing_finds_lessons_and_refuses_unknown_paths(client, course, learner):
    client.force_login(learner)
    lesson = course_lessons(course)[4]

    assert client.get(lesson.url).status_code == 200
    assert client.get(lesson.url.replace("modul-2", "modul-1")).status_code == 404
    assert client.get(course.url + "tidak-ada/").status_code == 404
