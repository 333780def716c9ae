"""The pure flash-sale rules."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashsale import rules

T = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def terms(**kw) -> rules.Terms:
    base = {"price_fen": 500, "quota": 10, "per_user_limit": 2, "per_order_limit": 1,
            "starts_at": T, "ends_at": T + timedelta(hours=1), "slots": ()}
    return rules.Terms(**{**base, **kw})


def test_the_flash_price_may_equal_but_not_pass_the_normal_price():
    rules.check_terms(terms(price_fen=1000), list_price_fen=1000)
    with pytest.raises(rules.Invalid) as caught:
        rules.check_terms(terms(price_fen=1001), list_price_fen=1000)
    assert caught.value.field == "price_fen"


def test_slots_are_china_time_cut_to_the_window():
    spans = rules.open_intervals(terms(starts_at=T, ends_at=T + timedelta(days=1, hours=1),
                                       slots=((time(9), time(11)), (time(20), time(21)))))
    assert spans == [(T, T + timedelta(hours=1)),  # 09:00-11:00 CST, cut at the start
                     (T + timedelta(hours=10), T + timedelta(hours=11)),
                     (T + timedelta(hours=23), T + timedelta(days=1, hours=1))]


def test_phase_follows_status_and_clock():
    spans = [(T, T + timedelta(hours=1)), (T + timedelta(hours=2), T + timedelta(hours=3))]
    assert rules.phase("draft", spans, T) == "draft"
    assert rules.phase("stopped", spans, T) == "stopped"
    assert rules.phase("published", spans, T - timedelta(seconds=1)) == "upcoming"
    assert rules.phase("published", spans, T) == "open"
    assert rules.phase("published", spans, T + timedelta(hours=1)) == "between_slots"
    assert rules.phase("published", spans, T + timedelta(hours=3)) == "ended"
    assert rules.next_open(spans, T + timedelta(hours=1)) == T + timedelta(hours=2)


def test_terms_change_only_before_the_start():
    assert rules.editable("draft", T, T + timedelta(days=1))
    assert rules.editable("published", T, T - timedelta(seconds=1))
    assert not rules.editable("published", T, T)
    assert not rules.editable("stopped", T, T - timedelta(days=1))


minutes = st.integers(0, 24 * 60 - 1)


@st.composite
def slot_sets(draw):
    cuts = sorted(draw(st.sets(minutes, min_size=0, max_size=8)))
    pairs = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return tuple((time(a // 60, a % 60), time(b // 60, b % 60)) for a, b in pairs)


@given(start=st.integers(0, 60 * 24 * 30), length=st.integers(1, 60 * 24 * 10),
       slots=slot_sets())
def test_open_intervals_are_ordered_disjoint_inside_the_window_and_the_slots(start, length,
                                                                             slots):
    t = terms(starts_at=T + timedelta(minutes=start),
              ends_at=T + timedelta(minutes=start + length), slots=slots)
    spans = rules.open_intervals(t)
    for a, b in spans:
        assert t.starts_at <= a < b <= t.ends_at
        if slots:
            local_a, local_b = a.astimezone(rules.SLOT_TZ), b.astimezone(rules.SLOT_TZ)
            assert local_a.date() == local_b.date() or local_b.time() == time(0)
            assert any(s <= local_a.time() and (local_b.time() <= e) for s, e in slots)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))
    if not slots:
        assert spans == [(t.starts_at, t.ends_at)]
