"""Member fixtures: payouts through the sandbox (as in the community tests)."""

from __future__ import annotations

import pytest

from referral import payout


@pytest.fixture(autouse=True)
def _sandbox_payout():
    old = payout.use(payout.SandboxPayout())
    yield
    payout.use(old)
