"""Outbox fixtures: the payments tests' checkout, sandbox and paid orders."""

from tests.payments.conftest import checkout, paid, sandbox  # noqa: F401 - fixtures
