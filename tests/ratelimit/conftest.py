"""Rate-limit fixtures: set a limit for one test (the suite's own limits are
generous), and the exact shape of a refusal."""

from __future__ import annotations

import math
import time

import pytest

OTHER_IP = {"REMOTE_ADDR": "10.9.9.9"}


@pytest.fixture
def limit(app, monkeypatch):
    """limit(**{"share.user": "3/minute"}): these limits for this test only."""
    settings = app.extensions["mall.settings"]

    def _set(**limits):
        for key, text in limits.items():
            monkeypatch.setitem(settings.rate_limits, key, text)
    return _set


def assert_refused(resp, window_s: int, since: float) -> int:
    """A 429 in the project's error shape whose retry_after (also the
    Retry-After header) is the window left since the first counted request
    (`since`, time.time() before it was sent). Returns retry_after."""
    assert resp.status_code == 429, resp.json
    wait = resp.json["error"]["details"]["retry_after"]
    assert resp.json == {"error": {"code": "rate_limited",
                                   "message": f"Too many requests; try again in {wait} s.",
                                   "details": {"retry_after": wait}}}
    assert resp.headers["Retry-After"] == str(wait)
    assert math.ceil(window_s - (time.time() - since)) <= wait <= window_s
    return wait
