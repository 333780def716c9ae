"""Pure rules: the cut draw (property tests), thresholds, succession."""

import random
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groupbuy import rules


@st.composite
def cut_cases(draw):
    floor = draw(st.integers(0, 10**9))
    n = draw(st.integers(1, rules.MAX_HELPERS))
    start = floor + draw(st.integers(n, 10**10))
    return start, floor, n, draw(st.integers(0, 2**32))


@settings(max_examples=500, deadline=None)
@given(cut_cases())
def test_cut_draw_each_at_least_one_fen_summing_exactly(case):
    start, floor, n, seed = case
    cuts = rules.draw_cuts(start - floor, n, random.Random(seed))
    assert len(cuts) == n
    assert min(cuts) >= 1
    assert sum(cuts) == start - floor
    assert all(isinstance(c, int) for c in cuts)


@settings(max_examples=300, deadline=None)
@given(cut_cases())
def test_cut_draw_early_cuts_are_larger(case):
    start, floor, n, seed = case
    cuts = rules.draw_cuts(start - floor, n, random.Random(seed))
    assert cuts == sorted(cuts, reverse=True)


def test_cut_draw_exact_minimum_is_one_fen_each():
    assert rules.draw_cuts(5, 5, random.Random(1)) == [1, 1, 1, 1, 1]


@pytest.mark.parametrize(("total", "n"), [(4, 5), (0, 1), (10, 0)])
def test_cut_draw_refuses_too_few_fen(total, n):
    with pytest.raises(ValueError):
        rules.draw_cuts(total, n)


def test_first_cut_is_a_big_share():
    cuts = rules.draw_cuts(10_000, 50, random.Random(7))
    assert cuts[0] > 10_000 // 50 > cuts[-1]


@pytest.mark.parametrize(("paid", "size", "pct", "expected"), [
    (4, 5, 80, True), (3, 5, 80, False), (5, 5, 0, False), (0, 5, 1, False),
    (2, 2, 100, True), (1, 2, 50, True)])
def test_virtual_completion_threshold(paid, size, pct, expected):
    assert rules.virtually_complete(paid, size, pct) is expected


def test_success_rate_in_bps_rounded_down():
    assert rules.success_rate_bps(2, 1) == 6666
    assert rules.success_rate_bps(0, 0) == 0


def test_next_leader_is_the_first_still_seated():
    assert rules.next_leader([(2, "released"), (3, "paid"), (4, "held")]) == 3
    assert rules.next_leader([(2, "refunded")]) is None


def test_leader_price_never_below_one_fen():
    assert rules.leader_price(800, 100) == 700
    assert rules.leader_price(800, 900) == 1


def test_help_day_is_china_time():
    assert rules.help_day(datetime(2026, 11, 24, 15, 59, tzinfo=UTC)) == "2026-11-24"
    assert rules.help_day(datetime(2026, 11, 24, 16, 0, tzinfo=UTC)) == "2026-11-25"
