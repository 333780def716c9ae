"""The console in Debian's chromium: the test app served by werkzeug in a
thread and chromium, both once per run (tests/conftest.py), and per test a
page that fails the test on a Content-Security-Policy violation, a script
error, a server error, or a request that leaves the app's origin
(tests/browser.py)."""

from __future__ import annotations

import pytest

from tests.browser import watching


@pytest.fixture
def base_url(app_url):
    return app_url


@pytest.fixture
def browser(chromium):
    return chromium


@pytest.fixture
def pages(browser, base_url):
    """`pages.page()` opens a page in a fresh browser context (its own cookies)."""
    with watching(browser, base_url) as watched:
        yield watched


@pytest.fixture
def console_url(base_url) -> str:
    return base_url + "/console/"
