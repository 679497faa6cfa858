"""Racing callers for stock and promotion tests: real threads with their own connections on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection, connections


def race(work: Callable[[int], object], callers: int, *, timeout: float = 120) -> list:
    """Run ``work(n)`` for n in 0..callers-1 and return the results in the order they finished.

    On PostgreSQL every caller has its own thread and database connection, and all are released
    together; SQLite's in-memory test database cannot take parallel writers, so there they run one
    after another: the same oversell attempt, without the timing.
    """
    results: list = []
    lock = threading.Lock()
    if connection.vendor != "postgresql":
        return [work(n) for n in range(callers)]
    start = threading.Barrier(callers)

    def run(n: int) -> None:
        try:
            start.wait(timeout=30)
            outcome = work(n)
            with lock:
                results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
