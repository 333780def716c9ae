"""GET /api/v1/merchants/<mid>/dashboard: exact figures from seeded orders,
China days, sources, refunds, conversion, top products; staff only."""

from __future__ import annotations

from datetime import timedelta

from app.catalog.models import Sku
from app.clock import CHINA
from app.db import transaction
from tests.conftest import T0
from tests.dashboard import seed

# T0 is 10:00 in China; China midnight of the test day is T0 - 10 h
MIDNIGHT = T0 - timedelta(hours=10)


def shop(make):
    merchant = make.merchant("owner", name="Tea House")
    skus = make.product(merchant, title="Longjing") + make.product(merchant, title="Pu'er")
    with transaction() as s:
        products = [s.get(Sku, sku).product_id for sku in skus]
    return merchant, list(zip(skus, products, strict=True))


def test_figures_today_and_period_with_sources_refunds_and_conversion(client, make):
    merchant, ((tea, tea_p), (puer, puer_p)) = shop(make)
    a, b, c = make.user("a"), make.user("b"), make.user("c")
    today = MIDNIGHT + timedelta(hours=1)  # 01:00 China time today
    yesterday_late = MIDNIGHT - timedelta(minutes=1)  # 23:59 China time yesterday
    seed.order(merchant, a, tea, tea_p, created=today, paid=today, total_fen=10_000,
               quantity=2, room_id=7, title="Longjing")
    seed.order(merchant, b, puer, puer_p, created=today, paid=today, total_fen=5_000,
               refunded_fen=1_000, share_id=3, title="Pu'er cake")
    seed.order(merchant, c, tea, tea_p, created=today, paid=None, total_fen=2_000)
    seed.order(merchant, a, puer, puer_p, created=yesterday_late, paid=yesterday_late,
               total_fen=3_000, community_id=5, title="Pu'er")
    seed.order(merchant, c, tea, tea_p, created=yesterday_late, paid=yesterday_late,
               total_fen=4_000, refunded_fen=4_000, status="refunded")
    seed.order(merchant, b, tea, tea_p, created=MIDNIGHT - timedelta(days=6, hours=1),
               paid=MIDNIGHT - timedelta(days=6, hours=1), total_fen=99_900)  # out of 7 days
    other = make.merchant("rival", name="Other")
    seed.order(other, a, tea, tea_p, created=today, paid=today, total_fen=77_700)

    resp = client.get(f"/api/v1/merchants/{merchant}/dashboard?days=7",
                      headers=make.login("owner"))
    assert resp.status_code == 200, resp.json
    body = resp.json
    assert body["days"] == 7
    assert body["today"] == {"gmv_fen": 14_000, "orders": 2, "paying_buyers": 2,
                             "ordering_buyers": 3, "conversion_bps": 6_666}
    assert body["period"] == {"gmv_fen": 17_000, "orders": 4, "paying_buyers": 3,
                              "ordering_buyers": 3, "conversion_bps": 10_000}
    first = (T0 - timedelta(days=6)).date()
    assert [d["day"] for d in body["daily"]] == [
        (first + timedelta(days=i)).isoformat() for i in range(7)]
    assert [(d["gmv_fen"], d["orders"]) for d in body["daily"]] == [
        (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (3_000, 2), (14_000, 2)]
    assert body["by_source"] == [
        {"source": "live", "gmv_fen": 10_000, "orders": 1},
        {"source": "share", "gmv_fen": 4_000, "orders": 1},
        {"source": "community", "gmv_fen": 3_000, "orders": 1},
        {"source": "direct", "gmv_fen": 0, "orders": 1}]
    assert body["top_products"] == [
        {"product_id": tea_p, "title": "Longjing", "quantity": 2, "gmv_fen": 10_000},
        {"product_id": puer_p, "title": "Pu'er cake", "quantity": 2, "gmv_fen": 8_000}]
    assert body["start"] == (MIDNIGHT - timedelta(days=6)).astimezone(CHINA).isoformat()


def test_the_period_starts_at_china_midnight_not_utc_midnight(client, make):
    merchant, ((tea, tea_p), _) = shop(make)
    buyer = make.user("a")
    before = MIDNIGHT - timedelta(seconds=1)  # 23:59:59 yesterday in China
    seed.order(merchant, buyer, tea, tea_p, created=before, paid=before, total_fen=500)
    seed.order(merchant, buyer, tea, tea_p, created=MIDNIGHT, paid=MIDNIGHT, total_fen=700)
    body = client.get(f"/api/v1/merchants/{merchant}/dashboard?days=1",
                      headers=make.login("owner")).json
    assert body["period"]["gmv_fen"] == 700 and body["period"]["orders"] == 1
    assert body["daily"] == [{"day": T0.date().isoformat(), "gmv_fen": 700, "orders": 1}]


def test_an_empty_shop_answers_zeros_for_30_days_by_default(client, make):
    merchant, _ = shop(make)
    body = client.get(f"/api/v1/merchants/{merchant}/dashboard",
                      headers=make.login("owner")).json
    assert body["days"] == 30 and len(body["daily"]) == 30
    assert body["period"] == {"gmv_fen": 0, "orders": 0, "paying_buyers": 0,
                              "ordering_buyers": 0, "conversion_bps": 0}
    assert body["top_products"] == []


def test_only_that_merchants_staff_and_a_sane_period(client, make):
    merchant, _ = shop(make)
    make.merchant("rival", name="Other")
    assert client.get(f"/api/v1/merchants/{merchant}/dashboard").status_code == 401
    resp = client.get(f"/api/v1/merchants/{merchant}/dashboard", headers=make.login("rival"))
    assert resp.status_code == 403
    owner = make.login("owner")
    for days in ("0", "91", "x", "2.5"):
        resp = client.get(f"/api/v1/merchants/{merchant}/dashboard?days={days}", headers=owner)
        assert resp.status_code == 422, days
        assert resp.json["error"]["code"] == "validation_error"
