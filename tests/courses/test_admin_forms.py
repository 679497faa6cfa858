"""Officers can open the Wagtail editor for each course page type (the new fields and blocks render)."""

import pytest

from courses.models import ModulePage
from courses.selectors import course_lessons
from tests.factories import AdminFactory, build_course


@pytest.mark.django_db
def test_course_module_and_lesson_editors_open(client):
    client.force_login(AdminFactory(is_superuser=True, is_staff=True))
    admin_client = client
    course = build_course(lessons=1)
    module = ModulePage.objects.child_of(course).first()
    lesson = course_lessons(course)[0]

    for page in (course, module, lesson):
        response = admin_client.get(f"/cms/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    assert b"prerequisites" in admin_client.get(f"/cms/pages/{course.pk}/edit/").content
    assert admin_client.get(f"/cms/pages/add/courses/lessonpage/{module.pk}/").status_code == 200
    # a lesson straight under a course is refused (Wagtail sends the officer back to the admin)
    assert admin_client.get(f"/cms/pages/add/courses/lessonpage/{course.pk}/").status_code == 302
