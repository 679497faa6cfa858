"""Security headers and the Content-Security-Policy of the app's pages.

Two nets: every template of the project is scanned for inline scripts, inline event handlers and
inline styles (which the strict policy would block), and every project route is asked for by a role
that may see it (the permission matrix's world and rules), checking the headers and the HTML that
came back.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import get_resolver
from django.views.static import serve as static_serve

from lms.accounts.models import User
from lms.security import admin_policy, app_policy
from tests.accounts import test_permission_matrix as matrix

# The matrix's module fixtures: its world and the files folder that world keeps for every case.
from tests.accounts.test_permission_matrix import _isolated_files, module_files, world  # noqa: F401
from tests.factories import InstructorFactory

PROJECT_DIRS = ("lms", "courses", "sandbox_shop", "store", "certificates")
# Rendered by WeasyPrint into PDFs, never sent to a browser: their <style> blocks are fine.
PDF_TEMPLATES = {
    "certificates/templates/certificates/pdf.html",
    "store/templates/store/premi_statement_pdf.html",
    "lms/accounts/templates/accounts/cards_pdf.html",
    "lms/reports/templates/reports/facility_report_pdf.html",
}
# Served by the H5P content origin under its own hash-based policy (courses.h5p.player).
CONTENT_ORIGIN_TEMPLATES = {"courses/h5p/templates/h5p/player.html"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict policy blocks: inline scripts, on* handlers, style attributes and elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=…> inline style")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("inline <style>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.problems


def project_templates() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return sorted(path for folder in PROJECT_DIRS for path in (base / folder).rglob("templates/**/*.html"))


def test_the_scanner_finds_inline_code():
    """Guards the scanner itself: each kind of inline code is caught, files and data blocks are not."""
    assert inline_code('<script src="/static/js/a.js"></script><script type="application/json">{}</script>') == []
    found = inline_code(
        '<script>alert(1)</script><button onclick="x()">b</button><p style="color:red"></p>'
        '<style>p{}</style><a href="javascript:void(0)">x</a>'
    )
    assert len(found) == 5


def test_the_walk_finds_the_templates():
    names = {str(path.relative_to(settings.BASE_DIR)) for path in project_templates()}
    assert len(names) > 50 and "lms/templates/base.html" in names
    assert names >= PDF_TEMPLATES | CONTENT_ORIGIN_TEMPLATES


@pytest.mark.parametrize(
    "path",
    [p for p in project_templates() if str(p.relative_to(settings.BASE_DIR)) not in PDF_TEMPLATES],
    ids=lambda p: str(p.relative_to(settings.BASE_DIR)),
)
def test_template_has_no_inline_code(path):
    relative = str(path.relative_to(settings.BASE_DIR))
    # Template tags may sit inside attributes; a placeholder stands for each so the parser sees plain markup.
    text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", "T", path.read_text(), flags=re.S)
    problems = inline_code(text)
    if relative in CONTENT_ORIGIN_TEMPLATES:
        assert problems == ["inline <script>"], "the player has exactly one inline script, allowed by its hash"
        return
    assert not problems, f"{relative}: {problems}"


def test_a_policy_is_strict():
    policy = app_policy(settings.H5P_ORIGIN)
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-src"] == settings.H5P_ORIGIN and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


# --- crawling each role's pages -------------------------------------------------------------------


def reachable_cases() -> list[tuple[str, str]]:
    """Each route or page type once, asked by the first role that gets a 200 for it."""
    cases = []
    for key, rule in matrix.RULES.items():
        if key not in matrix.ROUTES and key not in matrix.PAGE_KEYS:
            continue
        role = next((role for role in matrix.ROLES if rule.roles[role] == matrix.OK), None)
        if role is not None:
            cases.append((key, role))
    return cases


CASES = reachable_cases()


def test_the_crawl_covers_every_role():
    roles = {role for _key, role in CASES}
    assert {"anon", "learner", "instructor"} <= roles
    keys = {key for key, _role in CASES}
    assert {"learner_home", "officer_home", "certificate_lookup", "page:store.ProductPage"} <= keys
    assert len(CASES) > 40


def assert_security_headers(response, path: str) -> None:
    expected = admin_policy(settings.H5P_ORIGIN) if path.startswith(("/cms/", "/django-admin/")) else None
    policy = response.get("Content-Security-Policy", "")
    assert policy, f"{path}: no Content-Security-Policy"
    if expected:
        assert policy == expected
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["X-Frame-Options"] == "DENY", path
    assert "camera=()" in response["Permissions-Policy"], path
    assert "frame-ancestors" in policy or "sandbox" in policy, path


# Private files and exports: (content type, disposition) — inline only for images and PDFs meant for viewing.
FILES = {
    "listing_photo": ("image/jpeg", "inline"),
    "certificate_download": ("application/pdf", "attachment"),
    "certificate_badge": ("application/ld+json", "attachment"),
    "officer_learner_import_cards": ("application/pdf", "inline"),  # printed from the browser's viewer
    "cohort_certificates_zip": ("application/zip", "attachment"),
    "officer_learner_export": ("application/json", "attachment"),
    "officer_cohort_progress_csv": ("text/csv", "attachment"),
    "officer_premi_statement_pdf": ("application/pdf", "attachment"),
    "learner_premi_pdf": ("application/pdf", "attachment"),
    "reports:facility_report_pdf": ("application/pdf", "attachment"),
}


def test_every_file_route_is_crawled():
    assert set(FILES) <= {key for key, _role in CASES}


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role"), CASES, ids=[f"{key}-{role}" for key, role in CASES])
def test_page_sends_the_policy_and_no_inline_code(world, key, role):  # noqa: F811 (the fixture)
    path, response = matrix.ask(world, key, role, world.own)
    assert response.status_code == 200, f"{path} as {role}: {response.status_code}"
    assert_security_headers(response, path)
    content_type = response.get("Content-Type", "")
    if key in FILES:
        wanted_type, disposition = FILES[key]
        assert content_type.split(";")[0] == wanted_type, f"{path}: {content_type}"
        assert response.get("Content-Disposition", "inline").split(";")[0] == disposition, path
    if response.streaming:
        b"".join(response.streaming_content)
        return
    if content_type.startswith("text/html"):
        assert response["Content-Security-Policy"] == app_policy(settings.H5P_ORIGIN), path
        problems = inline_code(response.content.decode())
        assert not problems, f"{path} as {role}: {problems}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/cms/", "/cms/pages/", "/django-admin/"])
def test_the_admins_get_the_admin_policy(client, path):
    officer = InstructorFactory()  # an officer needs no second factor; superuser opens both admins' gates
    User.objects.filter(pk=officer.pk).update(is_superuser=True, is_staff=True)
    client.force_login(officer, backend="lms.accounts.backends.OfficerBackend")
    response = client.get(path)
    assert response.status_code == 200
    assert_security_headers(response, path)
    assert response["Content-Security-Policy"] == admin_policy(settings.H5P_ORIGIN)
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_view_keeps_its_own_policy_and_report_only_switch(client, settings):
    # The public sign-in page gets the app's policy; with CSP_REPORT_ONLY the same policy only reports.
    assert client.get("/masuk/")["Content-Security-Policy"] == app_policy(settings.H5P_ORIGIN)
    settings.CSP_REPORT_ONLY = True
    response = client.get("/masuk/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == app_policy(settings.H5P_ORIGIN)


# --- public media served by Django ----------------------------------------------------------------


@pytest.fixture
def media_here(settings, monkeypatch):
    """The media route took MEDIA_ROOT when the URLs were loaded; point it at this test's folder."""
    pattern = next(p for p in get_resolver().url_patterns if getattr(p, "callback", None) is static_serve)
    monkeypatch.setitem(pattern.default_args, "document_root", settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    ("name", "body", "content_type", "disposition"),
    [
        ("produk/tas.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg", "inline"),
        ("produk/brosur.pdf", b"%PDF-1.4", "application/pdf", "inline"),
        ("produk/gambar.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>", None, "attachment"),
        ("produk/halaman.html", b"<script>alert(1)</script>", None, "attachment"),
        ("produk/data.txt", b"<html><script>alert(1)</script>", None, "attachment"),
    ],
    ids=["jpeg", "pdf", "svg", "html", "text"],
)
@pytest.mark.django_db
def test_media_is_served_with_safe_headers(client, settings, media_here, name, body, content_type, disposition):
    target = settings.MEDIA_ROOT / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == (content_type or "application/octet-stream")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    if content_type != "application/pdf":
        assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_wagtail_documents_are_not_served_as_media(client, settings):
    """Documents go through Wagtail's view (collection privacy), never straight from the media folder."""
    target = settings.MEDIA_ROOT / "documents" / "rahasia.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"%PDF-1.4")
    assert client.get("/media/documents/rahasia.pdf").status_code == 404
