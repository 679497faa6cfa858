"""Start a throwaway Bekal (fresh database, migrated, demo data, web server + Celery worker).

Used by the browser tests and the benchmarks so both exercise the site exactly as ``make run``
starts it. With ``DATABASE_URL`` pointing at PostgreSQL a fresh database is created next to it
(and dropped afterwards); otherwise a SQLite file in a temporary folder is used. The broker is the
one configured (Redis in CI), or the filesystem transport inside the temporary folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


_handed_out: set[int] = set()


def free_port() -> int:
    """A free local port; from ``BEKAL_PORT_RANGE`` (e.g. ``8140-8159``) when set, for shared machines."""
    wanted = os.environ.get("BEKAL_PORT_RANGE", "").strip()
    if wanted:
        low, _, high = wanted.partition("-")
        candidates = [port for port in range(int(low), int(high or low) + 1) if port not in _handed_out]
    else:
        candidates = [0]
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            port = sock.getsockname()[1]
            _handed_out.add(port)
            return port
    raise RuntimeError(f"no free port in BEKAL_PORT_RANGE={wanted}")


class Stack:
    def __init__(self, *, name: str = "e2e", web_workers: int = 2, celery_concurrency: int = 2):
        self.name = name
        self.web_workers = web_workers
        self.celery_concurrency = celery_concurrency
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The H5P content origin: another host name (localhost), so the app's cookies never go there.
        self.h5p_port = free_port()
        self.h5p_origin = f"http://localhost:{self.h5p_port}"
        self.var_dir = Path(tempfile.mkdtemp(prefix=f"bekal-{name}-"))
        self.process: subprocess.Popen | None = None
        self.pg_admin_url: str | None = None
        self.pg_db: str | None = None
        self.log_path = self.var_dir / "serve.log"
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env.update(
            DJANGO_SETTINGS_MODULE="lms.settings",
            BEKAL_VAR_DIR=str(self.var_dir),
            SITE_URL=self.url,
            H5P_ORIGIN=self.h5p_origin,
            SECRET_KEY=f"devstack-{self.name}-not-secret",
            CELERY_TASK_ALWAYS_EAGER="false",
            PYTHONUNBUFFERED="1",
        )
        env.pop("STATIC_ROOT", None)
        env.pop("MEDIA_ROOT", None)
        env.pop("PRIVATE_MEDIA_ROOT", None)
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            base, _, _db = database_url.rpartition("/")
            self.pg_admin_url = f"{base}/postgres"
            self.pg_db = f"bekal_{self.name}_{os.getpid()}"
            env["DATABASE_URL"] = f"{base}/{self.pg_db}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{self.var_dir / 'db.sqlite3'}"
        broker = os.environ.get("CELERY_BROKER_URL", "")
        if broker.startswith("redis"):
            env["CELERY_BROKER_URL"] = broker
        else:
            env.pop("CELERY_BROKER_URL", None)  # filesystem transport inside var_dir
        return env

    def _manage(self, *args: str) -> None:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env, check=True, capture_output=True
        )

    def _create_database(self) -> None:
        if not self.pg_db:
            return
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.pg_db}"')

    def _drop_database(self) -> None:
        if not self.pg_db:
            return
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)')

    def _purge_broker(self) -> None:
        broker = self.env.get("CELERY_BROKER_URL", "")
        if broker.startswith("redis"):
            import redis

            redis.Redis.from_url(broker).flushdb()

    def start(self, timeout: float = 90) -> Stack:
        self._create_database()
        self._purge_broker()
        self._manage("migrate", "--noinput")
        self._manage("collectstatic", "--noinput")
        self._manage("seed_demo")
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "manage.py",
                "serve",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--web-workers",
                str(self.web_workers),
                "--celery-concurrency",
                str(self.celery_concurrency),
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200 and self._worker_ready() and self._h5p_ready():
                        return self
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"server not ready after {timeout}s:\n{self.log()}")

    def _h5p_ready(self) -> bool:
        import urllib.error

        try:
            urllib.request.urlopen(f"{self.h5p_origin}/c/-/play", timeout=2)  # noqa: S310
        except urllib.error.HTTPError as error:
            return error.code == 404  # up, and refusing a link without a valid token
        except OSError:
            return False
        return False

    def _worker_ready(self) -> bool:
        return " ready." in self.log()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self._drop_database()
        shutil.rmtree(self.var_dir, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
