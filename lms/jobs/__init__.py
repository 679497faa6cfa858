"""Queueing background jobs safely: a transactional outbox.

``enqueue_on_commit`` writes an :class:`~lms.jobs.models.OutboxMessage` row in the transaction that
asks for the job, so the request for work commits (or rolls back) together with the business
change. Once the transaction has committed, the job is handed to the broker and the row is marked
sent. A broker that is down never turns a committed action into an error page: the row stays
pending, and the relay (``lms.jobs.tasks.relay_outbox``, run by beat and when a worker starts) sends
it when the broker is back. A job whose worker died midway is queued again by the domain sweepers
(``CELERY_BEAT_SCHEDULE``). Every job is idempotent, so running one twice changes nothing.
"""

from django.db import transaction


def enqueue_on_commit(task, *args) -> None:
    """Record ``task(*args)`` in the outbox now; send it to the broker once the transaction commits."""
    from .outbox import outbox_record, outbox_send

    message = outbox_record(task.name, list(args))
    transaction.on_commit(lambda: outbox_send(message, task=task))
