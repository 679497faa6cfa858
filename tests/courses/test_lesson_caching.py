"""The lesson page's shared caches (course structure, route, rendered blocks) never show stale content
or someone else's progress: a learner's progress is read fresh, and publishing changes show at once."""

import pytest

from courses.models import LessonPage, ModulePage
from courses.selectors import course_lessons
from tests.factories import LearnerFactory, build_course, enrol


@pytest.fixture
def course():
    return build_course(lessons=3, modules=1)


def _page(client, lesson) -> str:
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_progress_on_the_page_follows_the_learner_with_the_caches_warm(client, course):
    first, second, _third = course_lessons(course)
    learner, other = LearnerFactory(), LearnerFactory()
    enrol(learner, course)
    enrol(other, course)
    client.force_login(learner)
    assert "0 dari 3 pelajaran selesai" in _page(client, first)
    assert "0 dari 3 pelajaran selesai" in _page(client, second)  # caches warm now

    client.post(f"/belajar/pelajaran/{first.pk}/selesai/")

    page = _page(client, second)
    assert "1 dari 3 pelajaran selesai" in page
    assert "Saya sudah selesai pelajaran ini" in page  # the second lesson is not done yet
    assert "Anda sudah menyelesaikan pelajaran ini" in _page(client, first)
    client.force_login(other)  # the same cached course, another learner's own progress
    assert "0 dari 3 pelajaran selesai" in _page(client, first)


@pytest.mark.django_db
def test_a_published_change_shows_at_once(client, course):
    first, second, _third = course_lessons(course)
    learner = LearnerFactory()
    enrol(learner, course)
    client.force_login(learner)
    assert "Isi pelajaran 2." in _page(client, second)

    lesson = LessonPage.objects.get(pk=second.pk)
    lesson.title = "Pelajaran Baru"
    lesson.body = [("paragraph", "<p>Isi yang diperbarui.</p>")]
    lesson.save_revision().publish()
    page = _page(client, second)
    assert "Isi yang diperbarui." in page and "Isi pelajaran 2." not in page
    assert "Pelajaran Baru" in page

    module = ModulePage.objects.child_of(course).first()
    module.add_child(instance=LessonPage(title="Pelajaran 4", slug="pelajaran-4", body=[]))
    assert "0 dari 4 pelajaran selesai" in _page(client, first)

    LessonPage.objects.get(pk=second.pk).unpublish()
    assert client.get(second.url).status_code == 404
    assert "0 dari 3 pelajaran selesai" in _page(client, first)


def test_outside_a_request_the_content_version_is_read_every_time():
    """Celery tasks and commands never see a request start, so they must not keep an old version."""
    from django.core.cache import cache

    from courses import caching

    before = caching.content_version()
    cache.set(caching.VERSION_KEY, "changed-by-another-process", None)  # e.g. an officer published

    assert caching.content_version() == "changed-by-another-process" != before
