"""The browser tests' shared parts: Debian's chromium driven by Playwright
(never a downloaded browser) and the test app served by werkzeug in a thread."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking",
                 "--disable-gpu"]
TIMEOUT_MS = 15_000


@contextmanager
def serve_in_thread(app) -> Iterator[str]:
    """The app on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
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
