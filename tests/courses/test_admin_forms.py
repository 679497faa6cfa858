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


@pytest.mark.django_db
def test_a_course_cannot_require_itself_directly_or_through_others():
    from django.core.exceptions import ValidationError

    a = build_course(lessons=1, title="Kursus A", slug="a")
    b = build_course(lessons=1, title="Kursus B", slug="b")
    c = build_course(lessons=1, title="Kursus C", slug="c")
    b.prerequisites.add(a)
    b.save_revision().publish()
    c.prerequisites.add(b)
    c.save_revision().publish()

    a.prerequisites = [a]
    with pytest.raises(ValidationError) as direct:
        a.clean()
    assert "prerequisites" in direct.value.message_dict

    a.prerequisites = [c]  # A needs C, C needs B, B needs A
    with pytest.raises(ValidationError) as loop:
        a.clean()
    message = " ".join(loop.value.message_dict["prerequisites"])
    assert "“Kursus A” → “Kursus C” → “Kursus B” → “Kursus A”" in message

    a.prerequisites = []
    a.clean()
    c.prerequisites = [a, b]  # no loop: C needs A and B
    c.clean()


@pytest.mark.django_db
def test_the_course_editor_refuses_a_prerequisite_loop_with_a_message(client):
    client.force_login(AdminFactory(is_superuser=True, is_staff=True))
    a = build_course(lessons=1, title="Kursus A", slug="a")
    b = build_course(lessons=1, title="Kursus B", slug="b")
    b.prerequisites.add(a)
    b.save_revision().publish()
    data = {
        "title": a.title,
        "slug": a.slug,
        "summary": a.summary,
        "audience": a.audience,
        "estimated_hours": "1",
        "completion_rule": a.completion_rule,
        "prerequisites": [str(b.pk)],
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }

    response = client.post(f"/cms/pages/{a.pk}/edit/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "“Kursus A” → “Kursus B” → “Kursus A”" in page
    a.refresh_from_db()
    assert list(a.prerequisites.all()) == []  # nothing saved
