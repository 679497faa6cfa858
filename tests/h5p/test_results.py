import json

import pytest
from django.test import Client

from courses.h5p.models import H5PAttempt, H5PStatement
from courses.h5p.selectors import activity_results
from courses.models import Enrollment, LessonPage
from courses.selectors import course_outline
from courses.services import lesson_complete
from tests.factories import InstructorFactory, LearnerFactory, build_course, enrol
from tests.factories.h5p import add_h5p, imported_activity, scored_statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p-root"


@pytest.fixture
def world(tmp_path):
    course = build_course(lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    package = imported_activity(tmp_path)
    add_h5p(lesson, package)
    learner = LearnerFactory()
    enrol(learner, course)
    client = Client()
    client.force_login(learner)
    return course, lesson, package, learner, client


def open_activity(client, lesson, package):
    """What the lesson page does when it is viewed: get the player, start nothing."""
    return client.post(f"/belajar/h5p/mulai/{lesson.pk}/{package.pk}/")


def start(client, lesson, package):
    """What the lesson page does with the player's first statement."""
    return client.post(
        f"/belajar/h5p/mulai/{lesson.pk}/{package.pk}/", json.dumps({"begin": True}), content_type="application/json"
    )


def send(client, token, statement):
    return client.post(
        "/belajar/h5p/hasil/", json.dumps({"attempt": token, "statement": statement}), content_type="application/json"
    )


def test_start_gives_a_server_attempt_and_a_signed_player_url(world, settings):
    _, lesson, package, learner, client = world
    data = start(client, lesson, package).json()
    attempt = H5PAttempt.objects.get(token=data["attempt"])
    assert attempt.learner == learner and attempt.lesson_id == lesson.pk
    assert data["player"].startswith(f"{settings.H5P_ORIGIN}/c/") and data["player"].endswith("/play")


def test_viewing_a_lesson_three_times_leaves_at_most_one_open_attempt(world):
    _, lesson, package, learner, client = world
    for _ in range(3):
        data = open_activity(client, lesson, package).json()
        assert data["ok"] and data["attempt"] is None and data["player"]
    assert not H5PAttempt.objects.exists()  # looking starts nothing
    first = start(client, lesson, package).json()["attempt"]
    send(client, first, {**scored_statement(0, 1, verb="interacted"), "result": {}})  # an interaction, not finished
    for _ in range(3):
        assert open_activity(client, lesson, package).json()["attempt"] == first  # the open one is reused
        assert start(client, lesson, package).json()["attempt"] == first
    assert H5PAttempt.objects.filter(learner=learner, completed_at__isnull=True).count() == 1
    assert H5PAttempt.objects.count() == 1


def test_a_finished_attempt_is_followed_by_a_new_one_on_replay(world):
    _, lesson, package, _, client = world
    first = start(client, lesson, package).json()["attempt"]
    assert send(client, first, scored_statement(0, 1)).json()["completed"]
    assert open_activity(client, lesson, package).json()["attempt"] is None  # a finished one is not reopened
    assert H5PAttempt.objects.count() == 1
    second = start(client, lesson, package).json()["attempt"]
    assert second != first
    send(client, second, scored_statement(1, 1))
    assert list(H5PAttempt.objects.order_by("pk").values_list("token", "score_raw")) == [(first, 0), (second, 1)]
    assert start(client, lesson, package).json()["attempt"] not in (first, second)  # and so on: all kept


def test_an_unreadable_start_request_is_refused(world):
    _, lesson, package, _, client = world
    reply = client.post(f"/belajar/h5p/mulai/{lesson.pk}/{package.pk}/", "[1", content_type="application/json")
    assert reply.status_code == 400 and not H5PAttempt.objects.exists()


def test_a_scored_top_level_statement_sets_score_and_completion(world):
    _, lesson, package, learner, client = world
    token = start(client, lesson, package).json()["attempt"]
    reply = send(client, token, scored_statement(1, 1))
    assert reply.status_code == 200 and reply.json()["completed"]
    attempt = H5PAttempt.objects.get(token=token)
    assert attempt.score_raw == 1 and attempt.score_max == 1 and attempt.completed_at
    stored = H5PStatement.objects.get()
    assert stored.statement["actor"]["name"] == "someone else"  # kept as received, never trusted
    assert stored.attempt.learner == learner
    lesson_complete(learner=learner, lesson=lesson)
    assert Enrollment.objects.get(learner=learner).completed_at is not None


def test_a_required_activity_holds_the_lesson_back(world):
    course, lesson, package, learner, client = world
    lesson_complete(learner=learner, lesson=lesson)
    item = course_outline(learner=learner, course=course).items[0]
    assert item.marked_done and not item.completed and item.h5p_pending == 1
    token = start(client, lesson, package).json()["attempt"]
    send(client, token, scored_statement(0, 1))
    assert course_outline(learner=learner, course=course).items[0].completed
    assert Enrollment.objects.get(learner=learner).completed_at is not None  # completing the activity completed it


def test_child_statements_never_change_the_score(world):
    _, lesson, package, _, client = world
    token = start(client, lesson, package).json()["attempt"]
    send(client, token, scored_statement(1, 4))
    send(client, token, scored_statement(9, 9, parent=True))
    attempt = H5PAttempt.objects.get(token=token)
    assert (attempt.score_raw, attempt.score_max) == (1, 4)
    assert H5PStatement.objects.filter(top_level=False, counted=False).count() == 1
    child = scored_statement(8, 8)  # no parent, but H5P's object id of a sub-question
    child["object"]["id"] += "?subContentId=4c1d6e2a"
    send(client, token, child)
    assert H5PAttempt.objects.get(token=token).score_raw == 1
    assert H5PStatement.objects.filter(top_level=False, counted=False).count() == 2


@pytest.mark.parametrize(("raw", "maximum"), [(5, 4), (-1, 4), (0, 0), (1, -2), ("1", 2), (True, 1)])
def test_out_of_range_scores_are_kept_but_refused(world, raw, maximum):
    _, lesson, package, _, client = world
    token = start(client, lesson, package).json()["attempt"]
    assert send(client, token, scored_statement(raw, maximum)).status_code == 422
    assert H5PAttempt.objects.get(token=token).score_raw is None
    assert H5PStatement.objects.filter(counted=False).count() == 1


def test_a_forged_statement_for_another_learner_is_refused(world):
    course, lesson, package, learner, client = world
    token = start(client, lesson, package).json()["attempt"]
    other = LearnerFactory(facility=learner.facility)
    enrol(other, course)
    intruder = Client()
    intruder.force_login(other)
    assert send(intruder, token, scored_statement(1, 1, actor="victim")).status_code == 403
    assert H5PStatement.objects.count() == 0 and H5PAttempt.objects.get(token=token).score_raw is None


def test_a_statement_for_a_never_started_attempt_is_refused(world):
    _, _, _, _, client = world
    assert send(client, "made-up-token", scored_statement(1, 1)).status_code == 403
    assert H5PStatement.objects.count() == 0


def test_every_attempt_is_kept_and_the_policy_picks_the_counted_one(world, settings):
    _, lesson, package, learner, client = world
    for raw in (3, 1):
        send(client, start(client, lesson, package).json()["attempt"], scored_statement(raw, 4))
    assert H5PAttempt.objects.filter(learner=learner).count() == 2
    result = activity_results(learner=learner, lesson_ids=[lesson.pk])[(lesson.pk, package.pk)]
    assert result.attempts == 2 and result.counted.score_raw == 3
    settings.H5P_SCORE_POLICY = "last"
    assert activity_results(learner=learner, lesson_ids=[lesson.pk])[(lesson.pk, package.pk)].counted.score_raw == 1


def test_unapproved_libraries_block_playing_and_placing(tmp_path):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from courses.h5p.blocks import H5PActivityBlock

    course = build_course(lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    package = imported_activity(tmp_path, approve=False)
    with pytest.raises(StructBlockValidationError):
        H5PActivityBlock().clean({"package": package, "required": True})
    lesson.body.append(("h5p", {"package": package, "required": True}))
    lesson.save_revision().publish()
    learner = LearnerFactory()
    enrol(learner, course)
    client = Client()
    client.force_login(learner)
    assert start(client, lesson, package).status_code == 403


def test_officers_preview_without_an_attempt(world):
    _, lesson, package, learner, _ = world
    officer = Client()
    officer.force_login(InstructorFactory(facility=learner.facility))
    data = start(officer, lesson, package).json()
    assert data["attempt"] is None and data["player"] and data["preview"]
    assert not H5PAttempt.objects.exists()


def test_not_enrolled_learners_cannot_start(world):
    _, lesson, package, _, _ = world
    stranger = Client()
    stranger.force_login(LearnerFactory())
    assert start(stranger, lesson, package).status_code == 403
    assert open_activity(stranger, lesson, package).status_code == 403  # no player URL either
