"""PostgreSQL restarts under a running site: the next request succeeds, with no restart of the site.

Our own cluster (initdb in a temporary folder, ``DRILL_PORT_BASE + 1``) and our own gunicorn (one
worker, one thread, so every request reuses the same persistent connection, ``CONN_MAX_AGE``).
The restart kills that connection; ``CONN_HEALTH_CHECKS`` must notice and reconnect.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from lms.devstack import PostgresCluster

from .conftest import BASE_DIR, PORT_BASE, port_free, wait_for

PG_PORT = PORT_BASE + 1
WEB_PORT = PORT_BASE + 2


@pytest.fixture
def own_postgres():
    assert port_free(PG_PORT), f"port {PG_PORT} is taken; set DRILL_PORT_BASE"
    cluster = PostgresCluster(PG_PORT, settings=("fsync=off",)).start()
    yield cluster
    cluster.stop()


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_the_site_recovers_by_itself_after_postgresql_restarts(own_postgres, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings",
        DATABASE_URL=own_postgres.url("postgres"),
        DB_CONN_MAX_AGE="600",
        CELERY_TASK_ALWAYS_EAGER="true",  # this drill is about the database only
        BEKAL_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY="drill-not-secret",
    )
    env.pop("CACHE_URL", None)
    log = (tmp_path / "web.log").open("wb")
    web = subprocess.Popen(
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "lms.wsgi:application",
            "--bind",
            f"127.0.0.1:{WEB_PORT}",
            "--workers",
            "1",
            "--threads",
            "1",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{WEB_PORT}/healthz"
    try:

        def up():
            try:
                return _get(url)[0] == 200
            except OSError:
                return False

        wait_for(up, 60, "gunicorn to answer", log=lambda: (tmp_path / "web.log").read_text())
        assert _get(url) == (200, {"database": "ok", "broker": "ok"})  # the connection is kept open

        own_postgres.restart()  # the kept connection is now dead

        assert _get(url) == (200, {"database": "ok", "broker": "ok"})  # the very first request after it
        assert _get(url)[0] == 200
    finally:
        web.terminate()
        web.wait(15)
