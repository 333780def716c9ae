"""The pure coupon rules: each kind's discount in int fen and bps, scope,
thresholds, the caps every discount stays under, terms and validity."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.coupons import rules
from app.coupons.rules import Line, Refused, Terms

T = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
TEA, CUP = Line(1, "tea", 3000), Line(2, "ware", 5000)
BIG = 10**9


def off(terms: Terms, lines=(TEA, CUP), room=BIG) -> int:
    return rules.discount_fen(terms, list(lines), room)


def reason(fn, *args) -> str:
    with pytest.raises(Refused) as err:
        fn(*args)
    return err.value.reason


def test_amount_off_needs_eligible_goods_at_or_above_the_minimum():
    t = Terms(rules.AMOUNT_OFF, amount_fen=1000, min_spend_fen=8000)
    assert off(t) == 1000
    assert reason(off, t, [TEA]) == "below_min_spend"


def test_percent_off_rounds_down_and_is_capped():
    t = Terms(rules.PERCENT_OFF, percent_bps=1234, cap_fen=BIG)
    assert off(t, [Line(1, "tea", 999)]) == 123  # 123.27 fen: the buyer pays the odd fen
    assert off(Terms(rules.PERCENT_OFF, percent_bps=2000, cap_fen=1200)) == 1200  # 1600 capped


def test_no_threshold_takes_its_amount_off_any_order():
    assert off(Terms(rules.NO_THRESHOLD, amount_fen=500), [Line(1, "tea", 501)]) == 500


def test_discount_never_exceeds_the_eligible_goods_nor_the_room():
    t = Terms(rules.NO_THRESHOLD, amount_fen=4000, scope=rules.SCOPE_CATEGORY,
              categories=("tea",))
    assert off(t) == 3000  # only the tea is eligible
    assert off(t, room=2500) == 2500


def test_scope_by_category_and_by_products_counts_only_covered_lines():
    by_cat = Terms(rules.AMOUNT_OFF, amount_fen=100, min_spend_fen=4000,
                   scope=rules.SCOPE_CATEGORY, categories=("ware",))
    assert off(by_cat) == 100
    assert reason(off, by_cat, [TEA]) == "out_of_scope"
    by_product = Terms(rules.AMOUNT_OFF, amount_fen=100, min_spend_fen=4000,
                       scope=rules.SCOPE_PRODUCTS, product_ids=(1,))
    assert reason(off, by_product) == "below_min_spend"  # 3000 of tea counts, not the cup


@pytest.mark.parametrize(("terms", "field"), [
    (Terms("gift"), "kind"),
    (Terms(rules.AMOUNT_OFF, amount_fen=0, min_spend_fen=100), "amount_fen"),
    (Terms(rules.AMOUNT_OFF, amount_fen=1000, min_spend_fen=1000), "min_spend_fen"),
    (Terms(rules.NO_THRESHOLD, amount_fen=100, min_spend_fen=1), "min_spend_fen"),
    (Terms(rules.PERCENT_OFF, percent_bps=10_000, cap_fen=100), "percent_bps"),
    (Terms(rules.PERCENT_OFF, percent_bps=500, cap_fen=0), "percent_bps"),
    (Terms(rules.NO_THRESHOLD, amount_fen=1, scope=rules.SCOPE_CATEGORY), "categories"),
    (Terms(rules.NO_THRESHOLD, amount_fen=1, scope=rules.SCOPE_PRODUCTS), "product_ids"),
])
def test_bad_terms_are_refused_naming_the_term(terms, field):
    assert reason(rules.check_terms, terms) == field


def test_limits_per_user_within_total_and_total_not_below_claimed():
    assert reason(rules.check_limits, 5, 6) == "per_user_limit"
    assert reason(rules.check_limits, 5, 1, 6) == "total"
    rules.check_limits(5, 5, 5)


def test_validity_is_a_window_or_days_after_claiming_never_both():
    assert reason(rules.check_validity, T, T + timedelta(days=1), 3) == "validity"
    assert reason(rules.check_validity, None, None, None) == "validity"
    assert reason(rules.check_validity, T, T, None) == "validity"
    assert rules.held_window(None, None, 3, T) == (T, T + timedelta(days=3))
    assert rules.held_window(T, T + timedelta(days=1), None, T) == (T, T + timedelta(days=1))


def test_a_held_coupon_is_usable_only_inside_its_window_and_unused():
    start, end = T, T + timedelta(days=1)
    rules.check_usable("unused", start, end, T)
    assert reason(rules.check_usable, "unused", start, end, T - timedelta(seconds=1)) == \
        "not_started"
    assert reason(rules.check_usable, "unused", start, end, end) == "expired"
    assert reason(rules.check_usable, "used", start, end, T) == "used"


def test_a_stopped_coupon_stays_stopped():
    assert rules.can_move("draft", "active") and rules.can_move("active", "stopped")
    assert not rules.can_move("stopped", "active")


line = st.builds(Line, st.integers(1, 3), st.sampled_from(["tea", "ware"]),
                 st.integers(1, 10**7))
terms = st.one_of(
    st.builds(Terms, st.just(rules.AMOUNT_OFF), amount_fen=st.integers(1, 10**6),
              min_spend_fen=st.integers(0, 10**7)),
    st.builds(Terms, st.just(rules.PERCENT_OFF), percent_bps=st.integers(1, 9999),
              cap_fen=st.integers(1, 10**7)),
    st.builds(Terms, st.just(rules.NO_THRESHOLD), amount_fen=st.integers(1, 10**7),
              scope=st.just(rules.SCOPE_CATEGORY), categories=st.just(("tea",))))


@given(terms, st.lists(line, min_size=1, max_size=5), st.integers(0, 10**8))
def test_property_discount_is_within_eligible_room_and_cap(t, lines, room):
    try:
        got = rules.discount_fen(t, lines, room)
    except Refused:
        return
    assert isinstance(got, int)
    assert 0 <= got <= min(rules.eligible_fen(t, lines), room)
    if t.kind == rules.PERCENT_OFF:
        assert got <= t.cap_fen and got <= rules.eligible_fen(t, lines) * t.percent_bps // 10_000
