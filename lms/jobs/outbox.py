"""The outbox: record a job with the transaction, send it after commit, relay what could not be sent.

Sending is at-least-once: a row is marked sent only after the broker accepted it, so a crash in
between sends it again later, which idempotent jobs allow. While the broker is known to be down
(a failed send in the last ``OUTBOX_BROKER_RETRY_SECONDS``), web requests do not wait for it again:
rows stay pending for the relay.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError

from .models import OutboxMessage

logger = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, ConnectionError, OSError, TimeoutError)
_broker_down_until = 0.0


def outbox_record(task_name: str, args: list) -> OutboxMessage:
    return OutboxMessage.objects.create(task=task_name, args=args)


def _task(name: str, task=None):
    if task is not None:
        return task
    from lms.celery import app

    return app.tasks[name] if name in app.tasks else import_string(name)


def _broker_known_down() -> bool:
    return time.monotonic() < _broker_down_until


def _note_broker_down() -> None:
    global _broker_down_until
    _broker_down_until = time.monotonic() + settings.OUTBOX_BROKER_RETRY_SECONDS


def _publish(message: OutboxMessage, task=None) -> None:
    _task(message.task, task).apply_async(args=message.args, retry=False)


def outbox_send(message: OutboxMessage, *, task=None) -> bool:
    """Hand one recorded job to the broker (after commit); False leaves it pending for the relay."""
    if _broker_known_down():
        return False
    try:
        _publish(message, task)
    except BROKER_ERRORS as error:
        _note_broker_down()
        OutboxMessage.objects.filter(pk=message.pk).update(attempts=message.attempts + 1, last_error=str(error)[:2000])
        logger.warning("Broker down: %s kept in the outbox (id %s) for the relay.", message, message.pk)
        return False
    OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return True


def outbox_relay(*, limit: int = 500, min_age_seconds: float | None = None) -> int:
    """Send pending jobs, oldest first; returns how many the broker took. Stops at the first broker error.

    Rows younger than ``min_age_seconds`` are left to the request that made them (its own send is
    probably under way). Two relays never send the same rows: they are locked while being sent.
    """
    global _broker_down_until
    age = settings.OUTBOX_RELAY_MIN_AGE_SECONDS if min_age_seconds is None else min_age_seconds
    cutoff = timezone.now() - timedelta(seconds=age)
    sent = 0
    with transaction.atomic():
        pending = OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=cutoff).order_by("created_at")
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        for message in pending[:limit]:
            try:
                _publish(message)
            except BROKER_ERRORS as error:
                _note_broker_down()
                OutboxMessage.objects.filter(pk=message.pk).update(
                    attempts=message.attempts + 1, last_error=str(error)[:2000]
                )
                logger.warning("Outbox relay: broker still down after %d sent.", sent)
                break
            OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())
            sent += 1
        else:
            _broker_down_until = 0.0
    return sent


def outbox_purge(*, older_than_days: int = 7) -> int:
    """Forget jobs sent more than ``older_than_days`` ago (the table stays small)."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
