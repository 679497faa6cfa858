"""Start a throwaway Bekal (fresh database, migrated, demo data, web server + Celery worker).

Used by the browser tests and the benchmarks so both exercise the site exactly as ``make run``
starts it. With ``DATABASE_URL`` pointing at PostgreSQL a fresh database is created next to it
(and dropped afterwards); otherwise a SQLite file in a temporary folder is used. The broker is the
one configured (Redis in CI), or the filesystem transport inside the temporary folder.
"""

from __future__ import annotations

import contextlib
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


def free_port() -> int:
    """A free port: any (the OS picks), or the first free one in ``BEKAL_PORT_RANGE`` ("8120-8139") if set."""
    first, _, last = os.environ.get("BEKAL_PORT_RANGE", "").partition("-")
    candidates = range(int(first), int(last) + 1) if first and last else [0]
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            if port in _taken:
                continue
            _taken.add(sock.getsockname()[1])
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in BEKAL_PORT_RANGE={os.environ['BEKAL_PORT_RANGE']}")


_taken: set[int] = set()  # handed out in this process but perhaps not bound yet


class Stack:
    def __init__(
        self,
        *,
        name: str = "e2e",
        web_workers: int = 2,
        celery_concurrency: int = 2,
        port: int | None = None,
        h5p_port: int | None = None,
    ):
        self.name = name
        self.web_workers = web_workers
        self.celery_concurrency = celery_concurrency
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The H5P content origin: another host name (localhost), so the app's cookies never go there.
        self.h5p_port = h5p_port or free_port()
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


class RedisServer:
    """A redis-server of our own on ``port`` (no persistence), to stop and start at will."""

    def __init__(self, port: int, folder: Path):
        self.port, self.folder = port, Path(folder)
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self, timeout: float = 15) -> RedisServer:
        binary = shutil.which("redis-server")
        if not binary:
            raise RuntimeError("redis-server is needed (Debian package redis-server)")
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        import redis

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if redis.Redis(port=self.port, socket_connect_timeout=0.5).ping():
                    return self
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None


class PostgresCluster:
    """A PostgreSQL cluster of our own (initdb in a temporary folder, trust auth, loopback ``port``)."""

    def __init__(self, port: int, *, bin_dir: str | None = None, settings: tuple[str, ...] = ()):
        self.port = port
        self.bin = Path(bin_dir or os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
        self.folder = Path(tempfile.mkdtemp(prefix="bekal-pg-"))  # not under a root-only folder
        self.settings = settings

    def url(self, db: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def _run(self, *command: str) -> None:
        # initdb and postgres refuse to run as root: use the ``postgres`` system user then.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)  # noqa: S603

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        options += "".join(f" -c {item}" for item in self.settings)
        data, log = str(self.folder / "data"), str(self.folder / "log")
        self._run(str(self.bin / "pg_ctl"), "-D", data, "-l", log, "-o", options, "-w", "-t", "60", *args)

    def start(self) -> PostgresCluster:
        if not (self.bin / "initdb").exists():
            raise RuntimeError(f"PostgreSQL server binaries are needed in {self.bin} (set PG_BIN)")
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        data = str(self.folder / "data")
        self._run(str(self.bin / "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self._ctl("start")
        return self

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
