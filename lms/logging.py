"""Structured logs: every line carries the request id (web) or the task id (Celery), as text or JSON.

``LOG_FORMAT=json`` (for log collectors) writes one JSON object per line; the default is readable
text. The id travels in a context variable, so threads of gunicorn's workers never mix them.
"""

from __future__ import annotations

import json
import logging
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id``: the request's id, the Celery task's id, or "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        current = request_id.get()
        if current == "-":
            current = _celery_task_id() or "-"
        record.request_id = current
        return True


def _celery_task_id() -> str | None:
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover - Celery is a dependency
        return None
    task = current_task
    return getattr(getattr(task, "request", None), "id", None) if task else None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
