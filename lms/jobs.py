"""Queueing background jobs safely.

Jobs are queued only once the transaction that asked for them has committed, and a broker that is
down never turns a committed business action into an error page: the periodic sweepers
(``CELERY_BEAT_SCHEDULE``) find work left undone — whether it was never queued or its worker died
midway — and queue it again. Every job is idempotent, so running one twice changes nothing.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    def send() -> None:
        try:
            task.delay(*args)
        except (OperationalError, ConnectionError, OSError):
            logger.exception("Could not queue %s%r; the sweeper will queue it again.", task.name, args)

    transaction.on_commit(send)
