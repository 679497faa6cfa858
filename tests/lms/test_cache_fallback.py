"""Redis stopped: the cache answers from process memory instead of raising, and quickly."""

import socket
import time

from lms.cache import ResilientRedisCache


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_dead_redis_falls_back_to_memory_without_waiting():
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1}}
    )
    start = time.monotonic()
    assert cache.get("k") is None
    cache.set("k", 1)
    assert cache.get("k") == 1
    assert cache.incr("k") == 2
    assert cache.add("k", 5) is False
    cache.delete("k")
    assert cache.get("k", "gone") == "gone"
    assert cache.redis_down
    assert time.monotonic() - start < 3
