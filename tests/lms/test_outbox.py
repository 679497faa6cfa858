"""The outbox: a job is recorded with its transaction, sent after commit, relayed if the broker was down."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from lms.jobs import enqueue_on_commit, outbox
from lms.jobs.models import OutboxMessage
from lms.jobs.tasks import relay_outbox
from sandbox_shop import tasks as shop_tasks


@pytest.fixture(autouse=True)
def _broker_up():
    outbox._broker_down_until = 0.0
    yield
    outbox._broker_down_until = 0.0


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(shop_tasks.make_photo_thumbnail, "apply_async", lambda args, **kw: calls.append(args))
    return calls


@pytest.mark.django_db(transaction=True)
def test_a_job_is_recorded_with_its_transaction_and_sent_after_commit(sent):
    with transaction.atomic():
        enqueue_on_commit(shop_tasks.make_photo_thumbnail, 7)
        assert sent == []
        assert OutboxMessage.objects.get().sent_at is None
    assert sent == [[7]]
    assert OutboxMessage.objects.get().sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_asks_for_nothing(sent):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(shop_tasks.make_photo_thumbnail, 7)
        raise RuntimeError("the business change failed")
    assert sent == []
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_broker_down_keeps_the_job_and_the_relay_sends_it_once(monkeypatch, sent):
    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(shop_tasks.make_photo_thumbnail, "apply_async", down)
    with transaction.atomic():
        enqueue_on_commit(shop_tasks.make_photo_thumbnail, 7)
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and "refused" in message.last_error
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=1))
    assert outbox.outbox_relay() == 0  # still down: kept, not lost
    assert OutboxMessage.objects.get().attempts == 2

    monkeypatch.setattr(shop_tasks.make_photo_thumbnail, "apply_async", lambda args, **kw: sent.append(args))
    assert relay_outbox() == 1
    assert relay_outbox() == 0
    assert sent == [[7]]
    assert OutboxMessage.objects.get().sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_while_the_broker_is_known_down_requests_do_not_wait_for_it(monkeypatch):
    calls = []

    def down(*args, **kwargs):
        calls.append(args)
        raise OperationalError("connection refused")

    monkeypatch.setattr(shop_tasks.make_photo_thumbnail, "apply_async", down)
    enqueue_on_commit(shop_tasks.make_photo_thumbnail, 1)
    enqueue_on_commit(shop_tasks.make_photo_thumbnail, 2)
    assert len(calls) == 1  # the second request did not try the dead broker again
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_relay_leaves_fresh_rows_to_their_request_and_forgets_old_sent_ones(sent):
    OutboxMessage.objects.create(task=shop_tasks.make_photo_thumbnail.name, args=[3])
    old = OutboxMessage.objects.create(task=shop_tasks.make_photo_thumbnail.name, args=[4])
    OutboxMessage.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=30))
    assert relay_outbox() == 0
    assert sent == []
    assert list(OutboxMessage.objects.values_list("args", flat=True)) == [[3]]
