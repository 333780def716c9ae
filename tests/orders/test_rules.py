"""Pure order rules: the transition table and line merging."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.orders import rules


@pytest.mark.parametrize("current,target", [
    ("pending_payment", "paid"), ("pending_payment", "cancelled"), ("paid", "to_ship"),
    ("paid", "grouping"), ("grouping", "to_ship"), ("to_ship", "shipped"),
    ("shipped", "received"), ("received", "completed"), ("shipped", "refunded"),
    ("paid", "refunded"), ("completed", "refunded"), ("cancelled", "paid"),
    ("to_ship", "partially_shipped"), ("partially_shipped", "shipped"),
    ("partially_shipped", "refunded"),
])
def test_legal_moves(current, target):
    rules.check_move(current, target)


@pytest.mark.parametrize("current,target", [
    ("shipped", "paid"), ("to_ship", "paid"), ("completed", "refunding"),
    ("pending_payment", "refunded"), ("pending_payment", "shipped"), ("refunded", "paid"),
    ("cancelled", "refunded"), ("shipped", "partially_refunded"),
    ("received", "shipped"), ("cancelled", "cancelled"), ("nonsense", "paid"),
    ("partially_shipped", "to_ship"), ("shipped", "partially_shipped"),
    ("paid", "partially_shipped"), ("partially_shipped", "received"),
])
def test_illegal_moves_raise(current, target):
    with pytest.raises(rules.IllegalTransition):
        rules.check_move(current, target)


def test_terminal_states_go_nowhere():
    assert {s for s in rules.STATES if not rules.TRANSITIONS[s]} == {"refunded"}
    assert rules.TRANSITIONS["completed"] == {"refunded"}
    assert rules.TRANSITIONS["cancelled"] == {"paid"}


def test_no_state_moves_back_to_pending_or_paid_except_unpaid_ones():
    """A replayed notice can never set a shipped order back to paid."""
    for state, targets in rules.TRANSITIONS.items():
        assert "pending_payment" not in targets
        if state not in ("pending_payment", "cancelled"):
            assert "paid" not in targets


@pytest.mark.parametrize("kind,coupon_id,reason,revive", [
    ("normal", None, "payment_timeout", True), ("normal", 7, "payment_timeout", False),
    ("flashsale", None, "payment_timeout", False), ("groupbuy", None, "payment_timeout", False),
    ("bargain", None, "payment_timeout", False), ("normal", None, "buyer", False),
])
def test_late_payment_revives_only_plain_orders_that_timed_out(kind, coupon_id, reason,
                                                               revive):
    assert rules.late_payment_can_revive(kind, coupon_id, reason) is revive


def test_windows():
    assert rules.payment_window("normal").total_seconds() == 900
    assert rules.payment_window("flashsale").total_seconds() == 300
    assert rules.payment_window("groupbuy").total_seconds() == 900
    assert rules.status_after_payment("groupbuy") == "grouping"
    assert rules.status_after_payment("normal") == "to_ship"


@given(st.lists(st.tuples(st.integers(1, 20), st.integers(1, 40)), min_size=1, max_size=50))
def test_merge_lines_keeps_every_unit_and_sorts(lines):
    merged = rules.merge_lines(lines)
    assert [sku for sku, _ in merged] == sorted({sku for sku, _ in lines})
    assert sum(q for _, q in merged) == sum(q for _, q in lines)


@pytest.mark.parametrize("lines,message", [
    ([], "an order needs at least one line"),
    ([(1, 0)], "quantity must be at least 1"),
    ([(1, 500), (1, 500)], "at most 999 of one SKU"),
    ([(i, 1) for i in range(51)], "at most 50 lines"),
])
def test_merge_lines_refuses(lines, message):
    with pytest.raises(ValueError, match=message):
        rules.merge_lines(lines)


def test_only_pickup_orders_are_received_while_partly_shipped():
    assert rules.can_move("partially_shipped", "received", pickup=True)
    assert not rules.can_move("partially_shipped", "received")
