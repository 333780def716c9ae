"""Points: earned on completed orders, clawed back on refunds (the balance
may go negative), spent at checkout within the merchant's limits, given back
once on cancel or full refund, expiring first-expiring-first, and private."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from app import clock
from app.db import transaction
from app.orders import service
from members import jobs as member_jobs
from members.models import PointsEntry
from members.points import ledger as points_ledger
from tests.members.shop import MemberShop, order_of
from tests.payments.conftest import sandbox  # noqa: F401 - fixture


@pytest.fixture
def shop(app, client, make, sandbox):  # noqa: F811
    shop = MemberShop(app, client, make, sandbox)
    shop.settings(earn_per_yuan=10)
    return shop


def give(shop, name: str, points: int, key: str = "seed") -> None:
    shop.login(name)
    with transaction() as s:
        points_ledger.add_points(s, key=key, merchant_id=shop.merchant_id,
                                 user_id=shop.ids[name], kind="gift", points=points,
                                 expires_at=clock.now() + timedelta(days=365), now=clock.now())
    shop.check_in(name)  # also makes them a member (+10)


def test_points_are_earned_on_completed_orders_per_yuan_paid(shop):
    _, sku = shop.product(12_345)
    order_id = shop.order("ann", [(sku, 2)])
    assert shop.points("ann") == 0  # paid is not enough
    shop.complete(order_id, "ann")
    assert shop.history("ann") == [("earn", 2469)]  # 246.90 yuan * 10, rounded down


def test_refund_after_earning_claws_back_in_proportion_even_below_zero(shop):
    _, sku = shop.product(10_000)
    order_id = shop.order("ann", [(sku, 4)])
    shop.complete(order_id, "ann")
    assert shop.points("ann") == 4000
    with transaction() as s:  # she spends most of it on something else
        points_ledger.add_points(s, key="spent-elsewhere", merchant_id=shop.merchant_id,
                                 user_id=shop.ids["ann"], kind="spend", points=-3500,
                                 now=clock.now())
    shop.refund(order_id, "r1", [(0, 1)])  # a quarter back: 1000 points
    assert shop.points("ann") == -500
    shop.refund(order_id, "r2", [(0, 3)])  # the rest
    assert shop.points("ann") == -3500
    assert shop.history("ann")[-2:] == [("clawback", -1000), ("clawback", -3000)]
    with transaction() as s:
        assert points_ledger.written_sum(s, shop.merchant_id, shop.ids["ann"]) == -3500


def test_spend_at_checkout_within_the_cover_limit(shop):
    _, sku = shop.product(1000)
    give(shop, "ann", 990)  # 1000 with the check-in
    resp = shop.buy("ann", sku, 2, points=800)
    assert resp.status_code == 201, resp.json
    assert (resp.json["discount_fen"], resp.json["total_fen"]) == (800, 1200)
    assert shop.points("ann") == 200
    resp = shop.buy("ann", sku, 2, points=300)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "insufficient_points")
    assert resp.json["error"]["details"] == {"available": 200, "asked": 300}


@pytest.mark.parametrize(("changes", "asked", "code", "details"), [
    ({}, 501, "points_over_limit", {"max_points": 500}),            # 50% of 1000
    ({"redeem_per_yuan": 0}, 100, "points_not_accepted", {"kind": "normal"}),
    ({"redeem_per_yuan": 1000}, 15, "points_not_whole_fen", {"points_per_yuan": 1000}),
])
def test_points_refused_with_clear_codes(shop, changes, asked, code, details):
    _, sku = shop.product(1000)
    give(shop, "ann", 5000)
    shop.settings(**changes)
    resp = shop.buy("ann", sku, 1, points=asked)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, code)
    assert resp.json["error"]["details"] == details
    assert shop.points("ann") == 5010


def test_points_not_accepted_on_promotion_orders(shop):
    _, sku = shop.product(1000)
    give(shop, "ann", 5000)
    with pytest.raises(Exception) as err, transaction() as s:
        service.create_order(s, buyer_id=shop.ids["ann"], lines=[(sku, 1)], now=clock.now(),
                             kind="flashsale", prices={sku: 500}, asks={"points": 100})
    assert err.value.code == "points_not_accepted"


def test_spent_points_come_back_once_when_the_order_is_cancelled(shop):
    _, sku = shop.product(1000)
    give(shop, "ann", 490)
    order_id = shop.buy("ann", sku, 1, points=500).json["id"]
    assert shop.points("ann") == 0
    resp = shop.client.post(f"/mp/v1/orders/{order_id}/cancel", headers=shop.login("ann"))
    assert resp.status_code == 200, resp.json
    assert shop.points("ann") == 500
    with transaction() as s:  # a replayed signal gives nothing more
        from members.points import earning as points
        assert points.give_back(s, order_of(order_id), clock.now()) is False
    assert shop.history("ann")[-2:] == [("spend", -500), ("return", 500)]


def test_spent_points_come_back_on_full_refund_not_on_partial(shop):
    _, sku = shop.product(1000)
    give(shop, "ann", 990)
    order_id = shop.buy("ann", sku, 2, points=1000).json["id"]
    resp = shop.client.post(f"/mp/v1/orders/{order_id}/pay", headers=shop.login("ann"))
    notice = shop.sandbox.notice(shop.sandbox.pay(resp.json["out_trade_no"], clock.now()),
                                 clock.now())
    from tests.payments.conftest import post_notice
    assert post_notice(shop.client, *notice).status_code == 204
    shop.refund(order_id, "r1", [(0, 1)])
    assert shop.points("ann") == 0
    shop.refund(order_id, "r2", [(0, 1)])
    assert shop.points("ann") == 1000


def test_two_concurrent_spends_cannot_overdraw(app, shop):
    _, sku = shop.product(2000)
    give(shop, "ann", 990)
    headers, codes, start = shop.login("ann"), [], threading.Barrier(2)

    def buy():
        start.wait()
        with app.app_context():
            resp = app.test_client().post("/mp/v1/orders", headers=headers, json={
                "lines": [{"sku_id": sku, "quantity": 1}], "points": 600})
        codes.append(resp.status_code)

    threads = [threading.Thread(target=buy) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201, 409]
    assert shop.points("ann") == 400


def test_points_expire_first_expiring_first_and_the_job_is_idempotent(shop):
    shop.settings(expiry_days=30, checkin_points=100, streak_bonuses=[])
    shop.check_in("ann")                       # lot A: 100, expires day 30
    shop.next_day(10)
    shop.check_in("ann")                       # lot B: 100, expires day 40
    with transaction() as s:
        points_ledger.add_points(s, key="use", merchant_id=shop.merchant_id,
                                 user_id=shop.ids["ann"], kind="spend", points=-150,
                                 now=clock.now())  # takes A whole and 50 of B
    shop.next_day(21)                          # day 31: A closed, nothing left in it
    assert member_jobs.expire_points() == 0
    shop.next_day(10)                          # day 41: B's 50 expire
    assert shop.points("ann") == 0             # the balance knows before the job runs
    assert member_jobs.expire_points() == 50
    assert member_jobs.expire_points() == 0
    assert shop.history("ann") == [("checkin", 100), ("checkin", 100), ("spend", -150),
                                   ("expire", 0), ("expire", -50)]
    with transaction() as s:
        assert points_ledger.written_sum(s, shop.merchant_id, shop.ids["ann"]) == 0


def test_a_member_cannot_read_another_members_points(shop):
    give(shop, "ann", 90)
    shop.check_in("bob")
    assert shop.points("bob") == 10
    resp = shop.client.get(f"/api/v1/merchants/{shop.merchant_id}/members/"
                           f"{shop.ids['ann']}/points", headers=shop.login("bob"))
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    staff = shop.members("GET", f"/{shop.ids['ann']}/points").json
    assert (staff["user_id"], staff["balance"]) == (shop.ids["ann"], 100)


def test_points_entries_are_append_only(shop):
    give(shop, "ann", 90)
    with pytest.raises(points_ledger.AppendOnly), transaction() as s:
        s.execute(update(PointsEntry).values(points=1))
    with pytest.raises(points_ledger.AppendOnly), transaction() as s:
        entry = s.query(PointsEntry).first()
        entry.points = 5
        s.flush()
    with pytest.raises(points_ledger.AppendOnly), transaction() as s:
        s.delete(s.query(PointsEntry).first())
        s.flush()
    assert shop.points("ann") == 100
