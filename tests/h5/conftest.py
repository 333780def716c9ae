"""The buyer app in Debian's chromium as a phone (390x844, touch): the test
app served by werkzeug in a thread and chromium, both once per run
(tests/conftest.py), and per test a page that fails the test on a
Content-Security-Policy violation, a script error, a server error, or a
request that leaves the app's origin."""

from __future__ import annotations

import pytest

from tests.browser import watching
from tests.tracking.conftest import buy, sandbox, shop, tracker  # noqa: F401 - fixtures

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


@pytest.fixture
def base_url(app_url):
    return app_url


@pytest.fixture
def browser(chromium):
    return chromium


@pytest.fixture
def phone(browser, base_url):
    """`phone.page()` opens a page in a fresh phone context (its own storage)."""
    with watching(browser, base_url, **PHONE) as watched:
        yield watched


@pytest.fixture
def h5_url(base_url) -> str:
    return base_url + "/h5/"
