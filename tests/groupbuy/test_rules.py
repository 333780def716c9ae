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


# ---- the risk of a help, reduced cuts, cuts rebuilt


signals_st = st.builds(rules.HelpSignals, account_age_s=st.integers(0, 10**8),
                       has_device=st.booleans(), device_helps=st.integers(0, 50),
                       ip_helps=st.integers(0, 50), device_accounts=st.integers(0, 50))


@settings(max_examples=500, deadline=None)
@given(signals_st, st.integers(0, 30 * 86_400))
def test_help_risk_is_the_capped_sum_of_the_weights_of_its_reasons(signals, min_age):
    risk = rules.help_risk(signals, min_age)
    assert 0 <= risk.score <= rules.MAX_SCORE
    assert risk.score == min(100, sum(rules.WEIGHTS[r] for r in risk.reasons))
    assert list(risk.reasons) == [r for r in rules.WEIGHTS if r in risk.reasons]
    assert (rules.NEW_ACCOUNT in risk.reasons) == (signals.account_age_s < min_age)
    assert (rules.IP_REPEAT in risk.reasons) == (signals.ip_helps > 0)
    assert (rules.DEVICE_REPEAT in risk.reasons) == (signals.device_helps > 0)
    assert (rules.NO_DEVICE in risk.reasons) == (not signals.has_device)


@settings(max_examples=300, deadline=None)
@given(signals_st, st.integers(0, 30 * 86_400), st.sampled_from(
    ["device_helps", "ip_helps", "device_accounts"]))
def test_a_repeat_never_lowers_the_score(signals, min_age, field):
    more = rules.HelpSignals(**{**signals.__dict__, field: getattr(signals, field) + 1})
    assert rules.help_risk(more, min_age).score >= rules.help_risk(signals, min_age).score


def test_help_risk_examples():
    fresh_farm = rules.HelpSignals(0, True, 0, 3, 0)
    assert rules.help_risk(fresh_farm, 86_400) == rules.Risk(100, ("new_account", "ip_repeat"))
    friend = rules.HelpSignals(3 * 86_400, True, 0, 0, 0)
    assert rules.help_risk(friend, 86_400) == rules.Risk(0, ())
    assert rules.help_risk(rules.HelpSignals(86_400, False, 0, 0, 0), 86_400) == \
        rules.Risk(20, ("no_device",))
    assert rules.is_risky(50, 50) and not rules.is_risky(49, 50)


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 10**12), st.integers(0, rules.BPS))
def test_a_share_of_a_cut_rounds_down_and_only_10000_bps_empties_it(head, bps):
    taken = rules.taken_of(head, bps)
    assert 0 <= taken <= head and taken == head * bps // 10_000
    assert (taken == head) == (bps == rules.BPS)


@st.composite
def help_runs(draw):
    n = draw(st.integers(1, 30))
    total = draw(st.integers(n, 10**7))
    cuts = rules.draw_cuts(total, n, random.Random(draw(st.integers(0, 2**32))))
    shares = draw(st.lists(st.one_of(st.just(rules.BPS), st.integers(0, rules.BPS - 1)),
                           max_size=120))
    return cuts, shares


@settings(max_examples=400, deadline=None)
@given(help_runs())
def test_any_run_of_full_and_reduced_helps_keeps_the_bargain_invariants(run):
    """The cuts sum to start - floor, the price never passes the floor, the
    N-th full help lands on it, reduced helps alone never reach it, and the
    cuts rebuilt from the helps are the cuts Redis holds."""
    cuts, shares = run
    left, taken_total, full = list(cuts), 0, 0
    for bps in shares:
        if not left:
            break
        before = len(left)
        taken, left = rules.take_next(left, bps)
        taken_total += taken
        full += len(left) < before
        assert taken_total + sum(left) == sum(cuts)
        assert all(c >= 1 for c in left)
        assert len(left) == len(cuts) - full
        assert rules.remaining_cuts(cuts, sum(cuts) - taken_total, full) == left
        assert (not left) == (full == len(cuts))
    if all(b < rules.BPS for b in shares):
        assert left and taken_total < sum(cuts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 10**6), min_size=1, max_size=40), st.data())
def test_rebuilt_cuts_always_sum_to_what_is_left_each_at_least_one_fen(cuts, data):
    cuts = sorted(cuts, reverse=True)
    left = data.draw(st.integers(0, sum(cuts)))
    emptied = data.draw(st.integers(0, len(cuts)))
    out = rules.remaining_cuts(cuts, left, emptied)
    assert sum(out) == left and all(c >= 1 for c in out)
    assert len(out) <= max(len(cuts) - emptied, 1)
