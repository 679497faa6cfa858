"""Production settings: ``manage.py check --deploy`` is clean, and the switches do what the README says.

Settings are read once per process, so each case runs Django in a subprocess with its own environment.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from tests.factories import FacilityFactory, LearnerFactory

PRODUCTION = {
    "HTTPS": "true",
    "BEHIND_TLS_PROXY": "true",
    "ALLOWED_HOSTS": "bekal.example.id",
    "CSRF_TRUSTED_ORIGINS": "https://bekal.example.id",
    "SITE_URL": "https://bekal.example.id",
    "H5P_ORIGIN": "https://h5p.bekal.example.id",
}


def run(args: list[str], env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    unset = {"DEBUG", "SECURE_COOKIES", "HTTPS", "DJANGO_SETTINGS_MODULE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base.update(
        {
            "BEKAL_VAR_DIR": str(tmp_path / "var"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(50),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=base, capture_output=True, text=True, timeout=120
    )


def test_deploy_checks_are_clean_in_production(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deploy_checks_see_an_unsafe_configuration(tmp_path):
    """The same check fails without HTTPS and with DEBUG: the test above could fail."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], {"DEBUG": "true"}, tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016", "security.W018"):
        assert warning in result.stderr + result.stdout


SHOW = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", "DEBUG",
]}))
"""


def settings_under(env: dict[str, str], tmp_path) -> dict:
    result = run(["-c", SHOW], {"DJANGO_SETTINGS_MODULE": "lms.settings", **env}, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_httponly_and_same_site(tmp_path):
    prod = settings_under(PRODUCTION, tmp_path)
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert prod[f"{cookie}_COOKIE_SECURE"] is True
        assert prod[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert prod[f"{cookie}_COOKIE_SAMESITE"] == "Lax"
    assert prod["SECURE_SSL_REDIRECT"] is True and prod["SECURE_HSTS_SECONDS"] >= 31536000
    assert prod["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert prod["DEBUG"] is False


def test_embedded_defaults_work_over_plain_http(tmp_path):
    """``make run`` serves http://127.0.0.1:8000: no redirect to HTTPS, cookies that plain HTTP keeps."""
    embedded = settings_under({}, tmp_path)
    assert embedded["SECURE_SSL_REDIRECT"] is False and embedded["SECURE_HSTS_SECONDS"] == 0
    assert embedded["SESSION_COOKIE_SECURE"] is False and embedded["SESSION_COOKIE_HTTPONLY"] is True


@pytest.mark.django_db
def test_cookies_set_by_the_site_carry_the_flags(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = True
    response = client.get("/masuk/")
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["secure"] and csrf["samesite"] == "Lax"
    learner = LearnerFactory(facility=FacilityFactory(code="CKE"))
    response = client.post(
        "/masuk/", {"facility": "CKE", "registration_number": learner.registration_number, "pin": "246810"}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"
    assert not session["expires"] and not session["max-age"], "a shared terminal's session ends with the browser"
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    language = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert language["httponly"] and language["secure"] and language["samesite"] == "Lax"
