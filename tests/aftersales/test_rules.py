"""The pure after-sale rules: where each kind is allowed, the transitions,
the deadlines and what they do, and the amount shared over lines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.aftersales import rules
from app.orders import rules as order_rules

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("status, refund_only, returns", [
    (order_rules.PENDING, "order_status", "order_status"),
    (order_rules.PAID, None, "order_status"),
    (order_rules.GROUPING, None, "order_status"),
    (order_rules.TO_SHIP, None, "order_status"),
    (order_rules.PARTIALLY_SHIPPED, None, None),
    (order_rules.SHIPPED, None, None),
    (order_rules.RECEIVED, "order_status", None),
    (order_rules.COMPLETED, "order_status", "order_status"),
    (order_rules.REFUNDED, "order_status", "order_status"),
    (order_rules.CANCELLED, "order_status", "order_status"),
])
def test_where_each_kind_is_allowed(status, refund_only, returns):
    received = NOW if status == order_rules.RECEIVED else None
    assert rules.kind_refusal(rules.REFUND_ONLY, status, received, NOW) == refund_only
    for kind in (rules.RETURN_REFUND, rules.EXCHANGE):
        assert rules.kind_refusal(kind, status, received, NOW) == returns


def test_returns_are_open_seven_days_after_receipt():
    received = NOW - order_rules.AFTER_SALE_WINDOW
    assert rules.kind_refusal(rules.EXCHANGE, order_rules.RECEIVED,
                              received + timedelta(seconds=1), NOW) is None
    assert rules.kind_refusal(rules.EXCHANGE, order_rules.RECEIVED, received, NOW) == \
        "window_closed"


def test_units_allowed_per_kind():
    assert rules.units_allowed(rules.REFUND_ONLY, ordered=5, refunded=1, shipped=2) == 4
    assert rules.units_allowed(rules.RETURN_REFUND, ordered=5, refunded=1, shipped=2) == 2
    assert rules.units_allowed(rules.EXCHANGE, ordered=5, refunded=4, shipped=5) == 1
    assert rules.units_allowed(rules.EXCHANGE, ordered=5, refunded=0, shipped=0) == 0


def test_final_states_lead_nowhere_and_open_ones_somewhere():
    final = {rules.REJECTED, rules.REFUNDED, rules.EXCHANGED, rules.CLOSED, rules.CANCELLED}
    assert set(rules.STATES) == final | rules.OPEN
    for state in final:
        assert rules.TRANSITIONS[state] == frozenset()
    for state in rules.OPEN:
        assert rules.TRANSITIONS[state]
    with pytest.raises(rules.IllegalMove):
        rules.check_move(rules.RETURNING, rules.CANCELLED)
    rules.check_move(rules.RETURNED, rules.EXCHANGED)


def test_each_clock_and_what_it_does():
    clocks = {"review_hours": 48, "ship_days": 7, "confirm_days": 10}
    assert rules.deadline(rules.REQUESTED, NOW, **clocks) == NOW + timedelta(hours=48)
    assert rules.deadline(rules.APPROVED, NOW, **clocks) == NOW + timedelta(days=7)
    assert rules.deadline(rules.RETURNING, NOW, **clocks) == NOW + timedelta(days=10)
    for state in (rules.RETURNED, rules.REFUNDING, rules.REFUNDED, rules.CLOSED):
        assert rules.deadline(state, NOW, **clocks) is None
        assert rules.due_action(state) is None
    assert [rules.due_action(s) for s in (rules.REQUESTED, rules.APPROVED, rules.RETURNING)] \
        == ["approve", "close", "refund"]


def test_split_amount_examples():
    assert rules.split_amount(700, [786]) == [700]
    assert rules.split_amount(3929, [1571, 2358]) == [1571, 2358]
    assert rules.split_amount(1000, [1571, 2358]) == [400, 600]  # 399 + 600, 1 left: first
    assert rules.split_amount(5, [1, 1, 1, 2]) == [1, 1, 1, 2]
    with pytest.raises(ValueError):
        rules.split_amount(6, [1, 1, 1, 2])


@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=8), st.data())
def test_split_amount_sums_to_the_amount_and_no_share_passes_its_cap(caps, data):
    amount = data.draw(st.integers(0, sum(caps)))
    shares = rules.split_amount(amount, caps)
    assert sum(shares) == amount
    assert all(0 <= s <= c for s, c in zip(shares, caps, strict=True))
