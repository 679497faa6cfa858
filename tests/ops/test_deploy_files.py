"""The production configuration that ships with the code: it parses, and it names what exists."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = {"migrate", "web", "h5p", "worker", "beat"}


def compose() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())


def test_compose_file_runs_every_piece():
    services = compose()["services"]
    assert set(services) == APP_SERVICES | {"db", "redis"}
    commands = {name: " ".join(services[name]["command"]) for name in APP_SERVICES}
    assert commands["web"] == "gunicorn -c deploy/gunicorn.conf.py lms.wsgi:application"
    assert commands["h5p"] == "gunicorn -c deploy/gunicorn.conf.py courses.h5p.wsgi:application"
    assert commands["worker"].startswith("celery -A lms worker")
    assert commands["beat"].startswith("celery -A lms beat")
    for name in APP_SERVICES:
        service = services[name]
        assert (ROOT / "deploy" / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
        assert service["env_file"] == "bekal.env"
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and env["CELERY_BROKER_URL"].startswith("redis://")
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
        assert "bekal-data:/data" in service["volumes"]
    # published only on the host's loopback: the reverse proxy is the way in
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"] and services["h5p"]["ports"] == ["127.0.0.1:8001:8001"]


def test_the_example_environment_names_real_settings():
    """Every variable in deploy/bekal.env.example (set or commented) is read by lms/settings.py."""
    source = (ROOT / "lms" / "settings.py").read_text()
    read = set(re.findall(r"""(?:environ\.get|environ\[|env_bool|env_list)\(?\s*["']([A-Z0-9_]+)["']""", source))
    example = (ROOT / "deploy" / "bekal.env.example").read_text()
    names = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    assert names, "the example sets nothing"
    assert names <= read, f"not settings: {sorted(names - read)}"
    assert {"SECRET_KEY", "HTTPS", "BEHIND_TLS_PROXY", "H5P_ORIGIN", "ALLOWED_HOSTS"} <= names


def test_gunicorn_config_is_valid_for_both_servers(tmp_path):
    env = {**os.environ, "BEKAL_VAR_DIR": str(tmp_path / "var"), "BIND": "127.0.0.1:8259", "WEB_CONCURRENCY": "3"}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    for app in ("lms.wsgi:application", "courses.h5p.wsgi:application"):
        result = subprocess.run(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "--check-config", "--print-config", app],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        printed = dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, flags=re.M))
        assert printed["bind"] == "['127.0.0.1:8259']" and printed["workers"] == "3"
        assert printed["worker_class"] == "gthread" and printed["threads"] == "4"


def test_nginx_example_serves_the_app_and_the_h5p_origin():
    conf = (ROOT / "docs" / "deploy" / "nginx.conf").read_text()
    names = re.findall(r"server_name\s+([^;]+);", conf)
    assert "bekal.example.id" in names and "h5p.bekal.example.id" in names
    assert "server 127.0.0.1:8000" in conf and "server 127.0.0.1:8001" in conf
    assert "X-Forwarded-Proto $scheme" in conf and "location ^~ /media/documents/ { return 404; }" in conf
    assert conf.count("{") == conf.count("}")


def test_readme_keeps_two_commands_and_documents_deployment():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    block = quick_start.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]
    assert commands == ["make run", "make test"]
    for section in ("## Deploy for one facility", "## Deploy for a region", "## Upgrade", "## Backup and restore"):
        assert section in readme
    assert "deploy/docker-compose.yml" in readme and "docs/deploy/nginx.conf" in readme
    assert "deploy/gunicorn.conf.py" in readme and "celery -A lms beat" in readme
