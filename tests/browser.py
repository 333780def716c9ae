"""The browser tests' shared parts: Debian's chromium driven by Playwright
(never a downloaded browser) and the test app served by werkzeug in a thread."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from tests.loopback import serving_thread
from tests.web import csp

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking",
                 "--disable-gpu"]
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)  # assertions wait as long as actions (a loaded CI)


@contextmanager
def serve_in_thread(app) -> Iterator[str]:
    """The app on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = serving_thread(server)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def chromium_env() -> dict[str, str]:
    """The browser's environment. In the year-ahead CI leg chromium keeps
    libfaketime (its wall clock moves with everyone's) but fakes its
    monotonic clock too: its timed waits are libfaketime-aware only then, and
    the Python-side preload that keeps Python's monotonic waits real is not
    for it."""
    env = dict(os.environ)
    if env.pop("FAKETIME_DONT_FAKE_MONOTONIC", None) is not None:
        env["LD_PRELOAD"] = ":".join(
            lib for lib in env.get("LD_PRELOAD", "").split(":")
            if lib and not lib.endswith("faketime_monotonic.so"))
    return env


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                      timeout=TIMEOUT_MS, env=chromium_env())


class Watched:
    """A test's browser contexts (each made with `options`, e.g. a phone's),
    and what their pages did wrong: a Content-Security-Policy violation, a
    script error, a server error, or a request that left the app's origin."""

    def __init__(self, browser, base_url, **options):
        self.browser, self.base_url = browser, base_url
        self.options = options or {"viewport": {"width": 1440, "height": 900}}
        self.contexts: list = []
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.requested: list[str] = []
        self.server_errors: list[str] = []

    def page(self):
        context = self.browser.new_context(**self.options)
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
        # a blob: URL names the origin that made it (a picked photo's preview)
        outside = [url for url in self.requested
                   if not url.startswith((self.base_url, "data:", "blob:" + self.base_url))]
        assert outside == [], outside


@contextmanager
def watching(browser, base_url, **options) -> Iterator[Watched]:
    """Watched pages for one test; checked after it, contexts closed first."""
    watched = Watched(browser, base_url, **options)
    try:
        yield watched
    finally:
        watched.close()
    watched.check()


@contextmanager
def chromium_browser() -> Iterator:
    """Debian's chromium, started once for the whole run (tests/conftest.py)."""
    with sync_playwright() as p:
        chromium = launch(p)
        try:
            yield chromium
        finally:
            chromium.close()
