"""Pure payment rules: per-unit refund shares and the refund caps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.payments import rules


def test_trade_and_refund_numbers():
    assert rules.out_trade_no(42) == "PO000000000042"
    assert rules.out_refund_no(7) == "RF000000000007"
    assert len(rules.out_trade_no(2**63 - 1)) == 21  # within WeChat's 32


def test_units_share_a_line_rounding_down_the_last_keeps_the_remainder():
    assert [rules.unit_refund_fen(1000, 3, done, 1) for done in range(3)] == [333, 333, 334]
    assert rules.unit_refund_fen(1000, 3, 0, 3) == 1000
    with pytest.raises(ValueError):
        rules.unit_refund_fen(1000, 3, 2, 2)


@settings(deadline=None)  # up to 999 steps a case: a busy machine is no failure
@given(paid=st.integers(1, 10**9), quantity=st.integers(1, 999), data=st.data())
def test_refunding_every_unit_in_any_steps_gives_back_exactly_what_was_paid(paid, quantity,
                                                                          data):
    done, total = 0, 0
    while done < quantity:
        step = data.draw(st.integers(1, quantity - done))
        part = rules.unit_refund_fen(paid, quantity, done, step)
        assert part >= 0
        total += part
        done += step
    assert total == paid


@given(paid=st.integers(1, 10**6), quantity=st.integers(1, 50),
       asks=st.lists(st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(1, 10**6))),
                     max_size=20))
def test_a_line_never_gives_back_more_than_was_paid(paid, quantity, asks):
    line = rules.LineState(paid, quantity, 0, 0)
    for units, amount in asks:
        try:
            got = rules.line_refund(line, units, amount)
        except rules.RefundTooLarge:
            continue
        line = rules.LineState(paid, quantity, line.refunded_units + units,
                               line.refunded_fen + got)
        assert line.refunded_fen <= paid and line.refunded_units <= quantity


@pytest.mark.parametrize("total,refunded,processing,status", [
    (1000, 0, False, ""), (1000, 0, True, "refunding"), (1000, 400, False, "partially_refunded"),
    (1000, 1000, False, "refunded"), (1000, 400, True, "refunding"),
])
def test_refund_status(total, refunded, processing, status):
    assert rules.refund_status(total, refunded, processing) == status
