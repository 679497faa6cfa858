from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=5, max_retries=3)
def close_expired_lab_sessions() -> int:
    """Close lab sessions past their planned end, signing their learners out, and end learner
    sessions idle past the timeout; a rerun is a no-op."""
    from .services import lab_sessions_close_expired, learner_sessions_end_idle

    closed = lab_sessions_close_expired()
    learner_sessions_end_idle()
    return closed
