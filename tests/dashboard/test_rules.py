"""The dashboard's pure rules: the figures add up whatever the orders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.clock import CHINA
from app.dashboard import rules

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in China
FIRST = rules.period_start(NOW, 7, CHINA)

sales = st.lists(st.builds(
    rules.Sale,
    paid_at=st.integers(0, 7 * 24 * 3600 - 1).map(lambda s: FIRST + timedelta(seconds=s)),
    buyer_id=st.integers(1, 5), total_fen=st.integers(0, 10**6),
    refunded_fen=st.integers(0, 10**6), source=st.sampled_from(rules.SOURCES)), max_size=30)
placed = st.lists(st.builds(rules.Placed, created_at=st.just(FIRST), buyer_id=st.integers(1, 5),
                            paid=st.booleans()), max_size=30)


def test_the_period_starts_at_china_midnight():
    assert FIRST.isoformat() == "2026-02-23T00:00:00+08:00"
    assert rules.period_start(datetime(2026, 2, 28, 16, 0, tzinfo=UTC), 1, CHINA) == \
        datetime(2026, 3, 1, 0, 0, tzinfo=CHINA)  # 00:00 in China is 16:00 UTC the day before


def test_a_sale_names_its_first_source():
    assert rules.source_of(1, 2, 3) == "live"
    assert rules.source_of(None, 2, 3) == "share"
    assert rules.source_of(None, None, 3) == "community"
    assert rules.source_of(None, None, None) == "direct"


@given(sales, placed)
def test_days_and_sources_add_up_to_the_period(sold, ordered):
    figures = rules.figures(sold, ordered)
    days = rules.daily(sold, FIRST.date(), 7, CHINA)
    assert len(days) == 7
    assert sum(d["gmv_fen"] for d in days) == figures["gmv_fen"]
    assert sum(d["orders"] for d in days) == figures["orders"] == len(sold)
    assert sum(s["gmv_fen"] for s in rules.by_source(sold)) == figures["gmv_fen"]
    assert figures["gmv_fen"] == sum(max(s.total_fen - s.refunded_fen, 0) for s in sold)
    assert 0 <= figures["conversion_bps"] <= 10_000


def test_conversion_rounds_down():
    ordered = [rules.Placed(FIRST, 1, True), rules.Placed(FIRST, 2, False),
               rules.Placed(FIRST, 3, False)]
    assert rules.figures([], ordered)["conversion_bps"] == 3_333


def test_top_products_rank_by_amount_then_id_and_keep_ten():
    lines = [rules.Line(pid, f"p{pid}", 1, 100 * (pid % 3)) for pid in range(1, 13)]
    top = rules.top_products(lines)
    assert len(top) == 10
    assert [p["product_id"] for p in top[:4]] == [2, 5, 8, 11]
