"""Property tests of the pure rules: shares never above their rate, never
above the base; proportional reversal never owes more than the net amount's
share; the cycle check agrees with walking the whole chain; fees and
withdrawal limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from referral import rules

FEN = st.integers(0, 10**9)
LEVEL_BPS = st.lists(st.integers(0, 10_000), min_size=1, max_size=3).filter(
    lambda v: sum(v) <= 10_000)


@given(FEN, st.integers(1, 999), LEVEL_BPS)
def test_each_share_is_rounded_down_and_the_merchant_keeps_the_rest(base, qty, bps):
    shares = rules.line_shares(base, qty, [rules.Rate("bps", tuple(bps))] * len(bps))
    assert shares == [base * b // 10_000 for b in bps]
    assert sum(shares) <= base


@given(FEN, st.integers(1, 999), st.lists(st.integers(0, 10**6), min_size=1, max_size=3))
def test_fixed_shares_never_pay_more_than_the_line(base, qty, fen):
    shares = rules.line_shares(base, qty, [rules.Rate("fen", tuple(fen))] * len(fen))
    assert sum(shares) <= base
    assert all(0 <= s <= f * qty for s, f in zip(shares, fen, strict=True))


@given(st.integers(1, 10**9), st.data())
def test_owed_is_proportional_monotone_and_within_the_rate(line, data):
    bps = data.draw(st.integers(0, 10_000))
    full = line * bps // 10_000
    net_a = data.draw(st.integers(0, line))
    net_b = data.draw(st.integers(0, net_a))
    a, b = rules.owed(full, line, net_a), rules.owed(full, line, net_b)
    assert 0 <= b <= a <= full
    assert a * 10_000 <= net_a * bps
    assert rules.owed(full, line, line) == full and rules.owed(full, line, 0) == 0


@given(st.lists(FEN, min_size=1, max_size=10), st.data())
def test_a_discount_split_never_counts_more_than_was_paid(amounts, data):
    discount = data.draw(st.integers(0, sum(amounts)))
    bases = rules.split_discount(amounts, discount)
    assert all(0 <= b <= a for a, b in zip(amounts, bases, strict=True))
    assert sum(bases) <= sum(amounts) - discount


@given(st.dictionaries(st.integers(1, 30), st.integers(1, 30), max_size=30),
       st.integers(1, 30), st.integers(1, 30))
def test_the_cycle_check_walks_every_ancestor(parents, user, referrer):
    # make the stored graph a forest first (as the database always is)
    forest: dict[int, int] = {}
    for child, parent in sorted(parents.items()):
        if not rules.would_cycle(child, parent, forest.get):
            forest[child] = parent
    ancestors, node = set(), referrer
    while node is not None:
        ancestors.add(node)
        node = forest.get(node)
    assert rules.would_cycle(user, referrer, forest.get) == (user in ancestors)


def test_levels_are_one_to_three():
    assert rules.check_levels([1000, 500, 200]) == (1000, 500, 200)
    with pytest.raises(rules.TooManyLevels):
        rules.check_levels([100, 100, 100, 100])
    with pytest.raises(rules.TooManyLevels):
        rules.check_levels([])
    with pytest.raises(rules.RatesTooHigh):
        rules.check_levels([6000, 5000])


def test_chain_stops_at_the_levels_and_puts_the_buyer_first_for_self_purchase():
    parents = {5: 4, 4: 3, 3: 2, 2: 1}
    assert rules.chain(5, parents.get, 3, False) == [4, 3, 2]
    assert rules.chain(5, parents.get, 3, True) == [5, 4, 3]
    assert rules.chain(1, parents.get, 2, False) == []


@given(st.integers(100, 10**9), st.integers(0, 10_000))
def test_the_fee_rounds_down_for_the_distributor(amount, bps):
    fee = rules.withdraw_fee(amount, bps)
    assert fee * 10_000 <= amount * bps < (fee + 1) * 10_000


def test_withdrawal_refusals():
    assert rules.withdraw_refusal(99, 1000, 100) == "below_minimum"
    assert rules.withdraw_refusal(100, -1, 100) == "negative_balance"
    assert rules.withdraw_refusal(100, 0, 100) == "insufficient_balance"
    assert rules.withdraw_refusal(1001, 1000, 100) == "insufficient_balance"
    assert rules.withdraw_refusal(1000, 1000, 100) is None
    assert rules.withdraw_refusal(150, 1000, 200) == "below_minimum"


def test_binding_policies():
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    kw = {"window_days": 7, "is_new_user": True}
    assert rules.may_bind("permanent", bound_at=None, now=t0, **kw)
    assert not rules.may_bind("permanent", bound_at=t0, now=t0 + timedelta(days=999), **kw)
    assert not rules.may_bind("window", bound_at=t0, now=t0 + timedelta(days=7, seconds=-1),
                              **kw)
    assert rules.may_bind("window", bound_at=t0, now=t0 + timedelta(days=7), **kw)
    assert not rules.may_bind("new_users", bound_at=None, now=t0, window_days=7,
                              is_new_user=False)


def test_tiers_only_go_up_to_the_highest_met():
    tiers = [rules.TierRule(1, 1, 1000, 1, 0), rules.TierRule(2, 2, 5000, 5, 3)]
    assert rules.tier_for(0, 6000, 5, 2, tiers).rank == 1
    assert rules.tier_for(0, 6000, 5, 3, tiers).rank == 2
    assert rules.tier_for(2, 0, 0, 0, tiers) is None


@pytest.mark.parametrize("name, masked", [
    ("张三丰", "张**"), ("张三", "张**"), ("张", "***"), ("alice", "a***e"),
    ("alexander", "a***r"), ("al", "a**"), ("", "***"), ("  bob ", "b***b"),
    ("Zoë", "Z**")])
def test_mask_nickname_examples(name, masked):
    assert rules.mask_nickname(name) == masked


@given(st.text(max_size=64))
def test_a_masked_nickname_shows_at_most_its_first_and_last_character(name):
    masked = rules.mask_nickname(name)
    stripped = name.strip()
    assert masked in ("***", f"{stripped[:1]}**", f"{stripped[:1]}***{stripped[-1:]}")
    assert len(masked) <= 5
    if len(stripped) >= 2:
        assert masked.startswith(stripped[0])
