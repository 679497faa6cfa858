import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.selectors import course_lessons
from tests.factories import LearnerFactory, build_course, enrol


def lesson_page_queries(client, lessons: int) -> int:
    course = build_course(lessons=lessons)
    learner = LearnerFactory()
    enrol(learner, course)
    client.force_login(learner)
    lesson = course_lessons(course)[2]
    client.get(lesson.url)  # the first visit creates the progress row
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(lesson.url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_lesson_page_queries_do_not_grow_with_the_number_of_lessons(client):
    assert lesson_page_queries(client, 5) == lesson_page_queries(client, 100)
