"""Tracking fixtures: the shipping ones (a shop, paid orders), the app's
tracking sandbox, and a shipped order."""

from __future__ import annotations

import pytest

from app.tracking.sandbox import TrackingSandbox
from app.tracking.setup import provider
from tests.shipping.conftest import buy, sandbox, shop  # noqa: F401 - fixtures

SANDBOX_NOTIFY = "/tracking/notify/sandbox"
KUAIDI100_NOTIFY = "/tracking/notify/kuaidi100"


@pytest.fixture
def tracker(app) -> TrackingSandbox:
    found = provider()
    assert isinstance(found, TrackingSandbox)
    return found


def post_push(client, headers: dict, body: bytes, path: str = SANDBOX_NOTIFY):
    return client.post(path, data=body, headers=headers)
