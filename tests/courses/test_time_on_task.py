from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonProgress
from courses.selectors import course_lessons
from courses.services import BEAT_CAP, lesson_heartbeat
from tests.factories import LearnerFactory, OfficerFactory, build_course, enrol


@pytest.fixture
def lesson():
    return course_lessons(build_course(lessons=2))[0]


@pytest.fixture
def learner(lesson):
    learner = LearnerFactory()
    enrol(learner, lesson.course())
    return learner


def seconds(learner, lesson) -> int:
    return LessonProgress.objects.get(learner=learner, lesson=lesson).seconds_on_task


@pytest.mark.django_db
def test_start_only_starts_the_clock_and_beats_add_the_measured_time(learner, lesson):
    t0 = timezone.now()
    assert lesson_heartbeat(learner=learner, lesson=lesson, start=True, now=t0) == 0
    assert lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=30)) == 30
    assert lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=61)) == 31
    row = LessonProgress.objects.get(learner=learner, lesson=lesson)
    assert row.seconds_on_task == 61
    assert row.last_seen_at == t0 + timedelta(seconds=61)


@pytest.mark.django_db
def test_a_long_gap_counts_at_most_the_cap(learner, lesson):
    t0 = timezone.now()
    lesson_heartbeat(learner=learner, lesson=lesson, start=True, now=t0)
    added = lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(hours=3))
    assert added == BEAT_CAP.total_seconds() == seconds(learner, lesson)


@pytest.mark.django_db
def test_beats_too_close_together_add_nothing_and_keep_the_clock(learner, lesson):
    t0 = timezone.now()
    lesson_heartbeat(learner=learner, lesson=lesson, start=True, now=t0)
    assert lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=3)) == 0
    assert lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=3)) == 0
    assert lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=30)) == 30
    # the same beat sent twice (a retry): the second adds nothing
    assert lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=30)) == 0
    assert seconds(learner, lesson) == 30


@pytest.mark.django_db
def test_first_beat_without_start_counts_nothing(learner, lesson):
    assert lesson_heartbeat(learner=learner, lesson=lesson) == 0
    assert seconds(learner, lesson) == 0


@pytest.mark.django_db
def test_a_beat_from_a_stale_read_adds_nothing(learner, lesson, monkeypatch):
    """Two beats read the same previous beat: only the first one's compare-and-set wins."""
    t0 = timezone.now()
    lesson_heartbeat(learner=learner, lesson=lesson, start=True, now=t0)
    LessonProgress.objects.filter(learner=learner, lesson=lesson).update(last_seen_at=t0 + timedelta(seconds=20))
    original_get_or_create = LessonProgress.objects.get_or_create

    def stale(**kwargs):
        row, made = original_get_or_create(**kwargs)
        row.last_seen_at = t0  # as read before the other beat wrote
        return row, made

    monkeypatch.setattr(LessonProgress.objects, "get_or_create", stale)
    assert lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=40)) == 0
    assert seconds(learner, lesson) == 0


@pytest.mark.django_db
def test_not_enrolled_or_officer_is_refused(lesson):
    with pytest.raises(PermissionDenied):
        lesson_heartbeat(learner=LearnerFactory(), lesson=lesson, start=True)
    with pytest.raises(PermissionDenied):
        lesson_heartbeat(learner=OfficerFactory(), lesson=lesson, start=True)
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_heartbeat_view_ignores_a_duration_sent_by_the_browser(client, learner, lesson):
    client.force_login(learner)
    url = reverse("lesson_heartbeat", args=[lesson.pk])
    assert client.post(url, {"kind": "start"}).status_code == 204
    LessonProgress.objects.filter(learner=learner).update(last_seen_at=timezone.now() - timedelta(seconds=20))
    assert client.post(url, {"kind": "beat", "seconds": "5000", "duration": "5000"}).status_code == 204
    assert 20 <= seconds(learner, lesson) < 60  # measured on the server, not the 5000 sent


@pytest.mark.django_db
def test_heartbeat_view_refuses_a_learner_not_enrolled(client, lesson):
    client.force_login(LearnerFactory())
    assert client.post(reverse("lesson_heartbeat", args=[lesson.pk]), {"kind": "start"}).status_code == 403
    assert client.get(reverse("lesson_heartbeat", args=[lesson.pk])).status_code == 405


@pytest.mark.django_db
def test_lesson_page_loads_the_heartbeat_script_for_learners(client, learner, lesson):
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "js/lesson-time.js" in html
    assert reverse("lesson_heartbeat", args=[lesson.pk]) in html
    assert "<script>" not in html  # no inline script
