"""The lesson page costs a constant number of queries, whatever the size of the course."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.selectors import course_lessons
from tests.factories import LearnerFactory, build_course, enrol

# The issue's bar is 12. Session, user, learner session and lab settings (middleware), the
# enrolment, the learner's lesson progress: the course structure, route and blocks are cached.
MAX_QUERIES = 8


def lesson_page_queries(client, *, lessons: int, modules: int) -> list[str]:
    course = build_course(lessons=lessons, modules=modules)
    learner = LearnerFactory()
    enrol(learner, course)
    client.force_login(learner)
    lesson = course_lessons(course)[lessons // 2]
    client.get(lesson.url)  # the first visit records the start of the lesson; count a normal one
    client.get(lesson.url)  # (and warms the caches)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert f"Pelajaran {lessons // 2 + 1}" in response.content.decode()
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
@pytest.mark.parametrize(("lessons", "modules"), [(5, 2), (100, 10)])
def test_lesson_page_queries_stay_under_the_bar(client, lessons, modules):
    queries = lesson_page_queries(client, lessons=lessons, modules=modules)

    assert len(queries) <= MAX_QUERIES, "\n".join(queries)


@pytest.mark.django_db
def test_lesson_page_queries_do_not_grow_with_the_course(client):
    small = lesson_page_queries(client, lessons=5, modules=2)
    large = lesson_page_queries(client, lessons=100, modules=10)

    assert len(large) == len(small)


@pytest.mark.django_db
@pytest.mark.parametrize(("lessons", "modules"), [(5, 2), (100, 10)])
def test_lesson_page_queries_with_cold_caches_stay_under_the_issues_bar(client, lessons, modules):
    from django.core.cache import cache

    course = build_course(lessons=lessons, modules=modules)
    learner = LearnerFactory()
    enrol(learner, course)
    client.force_login(learner)
    lesson = course_lessons(course)[lessons // 2]
    client.get(lesson.url)
    cache.clear()  # e.g. just after an officer published a change
    with CaptureQueriesContext(connection) as captured:
        response = client.get(lesson.url)

    assert response.status_code == 200
    assert len(captured.captured_queries) <= 12, "\n".join(q["sql"] for q in captured.captured_queries)
