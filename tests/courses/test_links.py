"""Outside links in lessons are plain text for learners; officers are warned when they save one."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from courses.links import lesson_outside_links, outside_links, outside_links_as_text
from courses.selectors import course_lessons
from courses.wagtail_hooks import _warn_outside_links
from tests.factories import LearnerFactory, build_course, enrol

TEXT = (
    '<p>Baca <a href="https://oss.go.id/">situs OSS</a>, lalu <a linktype="page" id="3">pelajaran ini</a>, '
    '<a href="/toko-latihan/">toko latihan</a> dan <a href="http://localhost/belajar/">beranda</a>.</p>'
)


def test_only_outside_addresses_count():
    assert outside_links(TEXT) == ["https://oss.go.id/"]
    assert outside_links('<p><a href="mailto:a@b.id">surel</a> <a href="#atas">atas</a></p>') == ["mailto:a@b.id"]


def test_outside_links_become_text_with_their_address():
    html = outside_links_as_text(TEXT)

    assert '<span class="outside-link">situs OSS (https://oss.go.id/)</span>' in html
    assert 'href="https://oss.go.id/"' not in html
    assert 'href="/toko-latihan/"' in html and 'linktype="page"' in html


@pytest.mark.django_db
def test_learners_see_outside_links_as_text(client):
    course = build_course(lessons=1)
    lesson = course_lessons(course)[0]
    lesson.body = [("paragraph", TEXT)]
    lesson.save_revision().publish()
    learner = LearnerFactory()
    enrol(learner, course)
    client.force_login(learner)

    page = client.get(lesson.url).content.decode()

    assert "situs OSS (https://oss.go.id/)" in page
    assert 'href="https://oss.go.id/"' not in page
    assert 'href="/toko-latihan/"' in page


@pytest.mark.django_db
def test_officers_are_warned_naming_the_outside_links():
    course = build_course(lessons=1)
    lesson = course_lessons(course)[0]
    lesson.body = [
        ("paragraph", TEXT),
        ("callout", {"kind": "tip", "text": '<p><a href="https://halal.go.id/">BPJPH</a></p>'}),
    ]
    assert lesson_outside_links(lesson) == ["https://oss.go.id/", "https://halal.go.id/"]
    request = RequestFactory().post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)

    _warn_outside_links(request, lesson)

    [message] = list(get_messages(request))
    assert message.level_tag == "warning"
    assert "https://oss.go.id/" in message.message and "https://halal.go.id/" in message.message


@pytest.mark.django_db
def test_no_warning_without_outside_links():
    lesson = course_lessons(build_course(lessons=1))[0]
    request = RequestFactory().post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)

    _warn_outside_links(request, lesson)

    assert list(get_messages(request)) == []
