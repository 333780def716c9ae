"""The buyer app in Debian's chromium as a phone (390x844, touch): the test
app served by werkzeug in a thread, one browser per module, and per test a
page that fails the test on a Content-Security-Policy violation, a script
error, a server error, or a request that leaves the app's origin."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import TIMEOUT_MS, launch, serve_in_thread
from tests.tracking.conftest import buy, sandbox, shop, tracker  # noqa: F401 - fixtures
from tests.web import csp

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


@pytest.fixture(scope="module")
def base_url(app):
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = launch(p)
        try:
            yield chromium
        finally:
            chromium.close()


class Phone:
    """A phone's browser contexts, and what their pages did wrong."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url = browser, base_url
        self.contexts: list = []
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.requested: list[str] = []
        self.server_errors: list[str] = []

    def page(self):
        context = self.browser.new_context(**PHONE)
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        csp.watch(page, self.violations)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("response", lambda response: self.server_errors.append(
            f"{response.status} {response.url}") if response.status >= 500 else None)
        return page

    def close(self):
        for context in self.contexts:
            context.close()

    def check(self):
        assert self.violations == [], self.violations
        assert self.errors == [], self.errors
        assert self.server_errors == [], self.server_errors
        outside = [url for url in self.requested
                   if not url.startswith((self.base_url, "data:"))]
        assert outside == [], outside


@pytest.fixture
def phone(browser, base_url):
    """`phone.page()` opens a page in a fresh phone context (its own storage)."""
    watched = Phone(browser, base_url)
    try:
        yield watched
    finally:
        watched.close()
    watched.check()


@pytest.fixture
def h5_url(base_url) -> str:
    return base_url + "/h5/"
