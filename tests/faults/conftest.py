"""Fault drills: real processes (a Celery worker, our own redis-server and PostgreSQL) killed and restarted.

The drills never touch the machine's shared servers: Redis and PostgreSQL are started here, on
loopback ports of their own (``DRILL_PORT_BASE``), and stopped afterwards. The worker shares the
test database (a file under SQLite, the test database under PostgreSQL), so tests here commit
(``transaction=True``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app
from lms.devstack import RedisServer

BASE_DIR = Path(__file__).resolve().parents[2]
PORT_BASE = int(os.environ.get("DRILL_PORT_BASE", "8230"))


def wait_for(condition, timeout: float, what: str, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}" + (f"\n{log()}" if log else ""))


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="session")
def own_redis(tmp_path_factory):
    assert port_free(PORT_BASE), f"port {PORT_BASE} is taken; set DRILL_PORT_BASE"
    server = RedisServer(PORT_BASE, tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def drill_broker(own_redis, monkeypatch):
    """This process queues jobs on our own Redis (not eagerly), where the drill's worker listens."""
    if own_redis.process is None:
        own_redis.start()
    import redis

    redis.Redis.from_url(own_redis.url(0)).flushdb()
    conf = celery_app.conf
    saved = {
        "broker_url": conf.broker_url,
        "broker_transport_options": conf.broker_transport_options,
        "task_always_eager": conf.task_always_eager,
    }
    conf.broker_url = own_redis.url(0)
    monkeypatch.setenv("CELERY_BROKER_URL", own_redis.url(0))  # Celery reads it before its settings
    conf.broker_transport_options = {"visibility_timeout": 3600, "socket_connect_timeout": 1, "socket_timeout": 5}
    conf.task_always_eager = False
    _drop_broker_connections()
    from lms.jobs import outbox

    outbox._broker_down_until = 0.0
    yield own_redis
    for key, value in saved.items():
        setattr(conf, key, value)
    _drop_broker_connections()
    outbox._broker_down_until = 0.0


def _drop_broker_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def database_url() -> str:
    """The test database, as the worker process must reach it."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    auth = f"{user}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{user}@"
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class Worker:
    """``celery worker`` in its own process group, on the drill's broker and the test database."""

    count = 0

    def __init__(self, *, broker_url: str, var_dir: Path, beat: bool = False, **env: str):
        Worker.count += 1
        self.name = f"drill{Worker.count}"
        self.var_dir = var_dir
        self.log_path = var_dir / f"{self.name}.log"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "-n",
            f"{self.name}-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "info",
        ]
        if beat:
            command += ["--beat", "--schedule", str(var_dir / f"{self.name}-beat")]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        environment.update(
            DJANGO_SETTINGS_MODULE="lms.settings",
            DATABASE_URL=database_url(),
            CELERY_BROKER_URL=broker_url,
            CELERY_TASK_ALWAYS_EAGER="false",
            BEKAL_VAR_DIR=str(var_dir),
            SECRET_KEY=settings.SECRET_KEY,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
            H5P_ROOT=str(settings.H5P_ROOT),
            CERTIFICATE_KEY_PATH=str(settings.CERTIFICATE_KEY_PATH),
            PYTHONUNBUFFERED="1",
        )
        environment.pop("CACHE_URL", None)
        environment.update(env)
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=environment,
            stdout=self.log_path.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.ready, 60, f"worker {self.name} to start", log=self.log)

    def ready(self) -> bool:
        assert self.process.poll() is None, f"worker {self.name} exited:\n{self.log()}"
        return " ready." in self.log()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: the worker and its pool process die at once, mid-job, without a word."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(drill_broker, tmp_path, settings):
    settings.H5P_ROOT = tmp_path / "h5p"
    var_dir = tmp_path / "worker-var"
    var_dir.mkdir()
    workers = []

    def start(**kwargs) -> Worker:
        worker = Worker(broker_url=drill_broker.url(0), var_dir=var_dir, **kwargs)
        workers.append(worker)
        return worker

    start.var_dir = var_dir
    yield start
    for worker in workers:
        worker.stop()
