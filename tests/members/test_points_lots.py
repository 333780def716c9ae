"""Points lots (community/points_lots.py), pure: first-expiring-first use,
debt paid by the next credit, and the balance identity over random histories."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from members.points.lots import Entry, replay

T = datetime(2026, 1, 1, tzinfo=UTC)


def at(day: int) -> datetime:
    return T + timedelta(days=day)


def test_spends_take_the_lot_that_expires_first():
    entries = [Entry(1, at(0), 100, at(50)), Entry(2, at(1), 100, at(20)),
               Entry(3, at(2), -150)]
    state = replay(entries, at(30))
    assert (state.live, state.expired, state.available) == ({1: 50}, {2: 0}, 50)


def test_a_lot_past_its_expiry_is_not_spent():
    entries = [Entry(1, at(0), 100, at(10)), Entry(2, at(5), 100, at(40)),
               Entry(3, at(10), -50)]
    state = replay(entries, at(11))
    assert (state.expired, state.live, state.debt) == ({1: 100}, {2: 50}, 0)


def test_clawback_beyond_the_balance_is_debt_the_next_credit_pays():
    entries = [Entry(1, at(0), 100, None), Entry(2, at(1), -300),
               Entry(3, at(2), 250, at(90))]
    state = replay(entries, at(3))
    assert (state.available, state.debt, state.live) == (50, 0, {1: 0, 3: 50})


HISTORY = st.lists(st.tuples(st.integers(0, 60), st.integers(-300, 300),
                             st.one_of(st.none(), st.integers(1, 40))), max_size=25)


@given(HISTORY, st.integers(0, 120))
def test_property_available_is_everything_written_minus_what_expired(rows, until):
    entries = [Entry(i, at(day), points, None if life is None else at(day + life))
               for i, (day, points, life) in enumerate(rows, start=1) if points]
    state = replay(entries, at(until))
    written = sum(e.points for e in entries if e.at <= at(until)) \
        if all(e.at <= at(until) for e in entries) else None
    assert all(v >= 0 for v in state.expired.values())
    assert all(v >= 0 for v in state.live.values()) and state.debt >= 0
    assert not (state.debt and any(state.live.values()))
    if written is not None:
        assert state.available == written - sum(state.expired.values())
    expiries = [Entry(1000 + lot, at(until), -left, kind="expire")
                for lot, left in state.expired.items()]
    assert replay(entries + expiries, at(until)).available == state.available
