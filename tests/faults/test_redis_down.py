"""Redis (broker and cache) stopped: learners keep signing in, reading and answering; jobs asked for
meanwhile wait in the outbox and are sent when Redis is back; ``/healthz`` says the broker is down.

Redis here is our own redis-server (``own_redis``), stopped and started by the drill.
"""

import pytest

from courses.models import LessonPage, LessonProgress
from courses.quizzes.models import QuizAttempt
from lms.accounts.models import User
from lms.jobs.models import OutboxMessage
from sandbox_shop import workflow
from sandbox_shop.models import PracticeListing
from tests.factories import (
    ListingFactory,
    OfficerFactory,
    add_photo,
    build_course,
    build_store,
    enrol,
    request_promotion,
)
from tests.factories.accounts import TEST_PIN
from tests.factories.content import add_quiz, build_quiz
from tests.factories.learning import quiz_answers

from .conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis_cache(drill_broker, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": drill_broker.url(1),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    return drill_broker


def test_redis_stopped_learning_goes_on_and_jobs_wait_in_the_outbox(client, redis_cache, start_worker):
    own_redis = redis_cache
    course = build_course(lessons=1)
    lesson = LessonPage.objects.descendant_of(course).first()
    quiz = build_quiz()
    block_id = add_quiz(lesson, quiz)
    listing = ListingFactory()
    learner = listing.learner
    enrol(learner, course)
    add_photo(listing)
    build_store(listing.facility)
    officer = OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=listing.facility)
    workflow.listing_submit(actor=listing.learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing)

    own_redis.stop()

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["broker"] == "down" and health.json()["database"] == "ok"

    signed_in = client.post(
        "/masuk/",
        {"facility": learner.facility.code, "registration_number": learner.registration_number, "pin": TEST_PIN},
    )
    assert signed_in.status_code == 302 and signed_in.url == "/belajar/"
    assert client.get("/belajar/").status_code == 200
    page = client.get(lesson.url)
    assert page.status_code == 200
    beat = client.post(f"/belajar/pelajaran/{lesson.pk}/denyut/", {"kind": "start"})
    assert beat.status_code == 204
    assert LessonProgress.objects.filter(learner=learner, lesson=lesson).exists()
    attempt = QuizAttempt.objects.get(learner=learner, submitted_at__isnull=True)
    answered = client.post(lesson.url, {"quiz_block": block_id, "attempt": str(attempt.token), **quiz_answers(quiz)})
    assert answered.status_code == 302
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.passed

    request_promotion(listing, officer)  # the officer's promotion, while the broker is down
    waiting = OutboxMessage.objects.get(task="sandbox_shop.tasks.promote_listing")
    assert waiting.sent_at is None and waiting.attempts >= 1
    assert PracticeListing.objects.get(pk=listing.pk).status == PracticeListing.Status.APPROVED

    own_redis.start()
    # The sweepers are kept away (an hour): only the outbox relay can deliver the job.
    worker = start_worker(
        beat=True, OUTBOX_RELAY_SECONDS="1", OUTBOX_RELAY_MIN_AGE_SECONDS="0", JOB_SWEEP_SECONDS="3600"
    )
    wait_for(
        lambda: PracticeListing.objects.get(pk=listing.pk).status == PracticeListing.Status.PROMOTED,
        60,
        "the promotion asked for while Redis was down",
        log=worker.log,
    )
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
    assert client.get("/healthz").status_code == 200
