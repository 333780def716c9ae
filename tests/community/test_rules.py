"""Pure community rules, with properties for the commission arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from app import clock
from community import rules


@given(base=st.integers(1, 10**9), bps=st.integers(0, rules.MAX_COMMISSION_BPS),
       refunds=st.lists(st.integers(1, 10**9), max_size=6))
def test_commission_cuts_never_exceed_what_was_posted_and_a_full_refund_takes_it_all(
        base, bps, refunds):
    full = rules.commission_full(base, bps)
    assert full == base * bps // 10_000 and full * 10_000 <= base * bps
    owed, refunded, cuts = full, 0, 0
    for amount in refunds:
        refunded = min(base, refunded + amount)
        left = rules.commission_owed(full, base, refunded)
        assert 0 <= left <= owed  # a refund only ever takes back
        cuts, owed = cuts + owed - left, left
    assert cuts + owed == full
    assert rules.commission_owed(full, base, base) == 0


def test_china_day_runs_from_16_00_utc_the_day_before():
    start, end = clock.china_day_bounds(date(2026, 11, 24))
    assert (start, end) == (datetime(2026, 11, 23, 16, tzinfo=UTC),
                            datetime(2026, 11, 24, 16, tzinfo=UTC))
    assert rules.china_day(datetime(2026, 11, 24, 15, 59, tzinfo=UTC)) == date(2026, 11, 24)
    assert rules.china_day(datetime(2026, 11, 24, 16, 0, tzinfo=UTC)) == date(2026, 11, 25)


def test_codes_are_unguessable_shapes():
    codes = {rules.new_invite_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(rules.INVITE_ALPHABET) for c in codes)
    pickup = [rules.new_pickup_code() for _ in range(200)]
    assert all(len(c) == 6 and c.isdigit() for c in pickup)
    assert rules.normal_invite_code(" ab3k7mnp ") == "AB3K7MNP"
