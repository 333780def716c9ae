"""Paying a distributor: the provider interface, and the sandbox provider used
in development and tests (it pays at once, remembers what it paid, and pays
the same payout number only once, like a real provider's idempotent API)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PayoutResult:
    status: str  # succeeded | failed
    payout_id: str = ""
    reason: str = ""


class PayoutProvider(Protocol):
    def pay(self, payout_no: str, user_id: int, amount_fen: int) -> PayoutResult:
        """Transfer amount_fen to the user; the same payout_no pays once."""


class SandboxPayout:
    """Succeeds unless told to fail a user (for tests of the failure path)."""

    def __init__(self) -> None:
        self.paid: dict[str, tuple[int, int]] = {}
        self.failing_users: set[int] = set()

    def pay(self, payout_no: str, user_id: int, amount_fen: int) -> PayoutResult:
        if user_id in self.failing_users:
            return PayoutResult("failed", reason="account_frozen")
        self.paid.setdefault(payout_no, (user_id, amount_fen))
        return PayoutResult("succeeded", payout_id=f"SBX{payout_no}")


_provider: PayoutProvider = SandboxPayout()


def provider() -> PayoutProvider:
    return _provider


def use(new: PayoutProvider) -> PayoutProvider:
    """Swap the provider (configuration, tests); returns the previous one."""
    global _provider
    old, _provider = _provider, new
    return old
