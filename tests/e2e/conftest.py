"""Browser tests: Debian's Chromium driven by Playwright against a real server and Celery worker."""

import os
import shutil
from pathlib import Path

import pytest

from lms.devstack import Stack

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def stack():
    running = Stack(name="e2e").start()
    yield running
    if os.environ.get("KEEP_E2E_LOG"):
        print(running.log())
    running.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def new_page(browser, stack, request):
    """Open pages in separate browser contexts (separate people); screenshots kept on failure."""
    contexts = []

    def make(name: str, **context_options):
        context = browser.new_context(base_url=stack.url, viewport={"width": 1024, "height": 768}, **context_options)
        context.set_default_timeout(20_000)
        page = context.new_page()
        contexts.append((name, page))
        return page

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for name, page in contexts:
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{name}.png"), full_page=True)
        page.context.close()
    if failed:
        (ARTIFACTS / f"{request.node.name}-server.log").write_text(stack.log())
