"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

Chromium comes from Debian's package (`make test` installs it when it can); Playwright's own
browser download is never used. Locally a missing Chromium skips these tests; in CI it fails.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_path():
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and shutil.which(candidate):
            return candidate
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    path = _chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: browser tests must run in CI.")
        pytest.skip("Chromium is not installed (Debian package 'chromium').")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="ru-RU", accept_downloads=True)
    context.set_default_timeout(15_000)
    external = []

    def guard(route):
        # Nothing may leave the portal: record and refuse any request to another host.
        if not route.request.url.startswith(live_server.url) and not route.request.url.startswith(
            ("data:", "blob:")
        ):
            external.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    # Confirmations of irreversible actions (static/js/confirm.js) are accepted; their texts
    # are kept in page.dialog_messages for the tests that check what the person was told.
    page.dialog_messages = []

    def confirm(dialog):
        page.dialog_messages.append(dialog.message)
        dialog.accept()

    page.on("dialog", confirm)
    page.accept_dialogs = confirm  # a test that dismisses one removes this listener first
    yield page
    context.close()
    assert not external, f"pages requested outside resources: {external}"


@pytest.fixture
def sign_in(page):
    """sign_in(username, password) through the real login form."""
    from tests.conftest import PASSWORD

    def do(username, password=PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return do
