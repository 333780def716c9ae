"""A coupon comes back when its order is cancelled or fully refunded,
exactly once; a partly refunded order keeps it; one that expired meanwhile
comes back expired; a late payment on such an order is refunded, never
revived. Orders are made, paid and refunded through the real API."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.coupons import checkout
from app.db import transaction
from app.orders import jobs as order_jobs
from app.orders.models import Order
from app.payments.models import Refund
from tests.coupons.conftest import (
    claimed,
    counts,
    held,
    order,
    pay,
    post_notice,
    refund,
    users,
)


def test_a_coupon_on_a_cancelled_order_is_usable_again(app, client, shop, coupon):
    c = coupon()
    ((_, alice),) = users(app, 1)
    mine = claimed(client, alice, c)
    first = order(client, alice, [(shop.cup_sku, 2)], mine).json["id"]
    assert client.post(f"/mp/v1/orders/{first}/cancel", headers=alice).status_code == 200
    assert held(mine) == ("unused", None)
    assert counts(c) == (1, 0)
    again = order(client, alice, [(shop.cup_sku, 2)], mine)
    assert (again.status_code, again.json["discount_fen"]) == (201, 1000)
    assert held(mine) == ("used", again.json["id"])


def test_a_coupon_on_a_fully_refunded_order_is_usable_again(app, client, shop, coupon,
                                                            sandbox):
    ((_, alice),) = users(app, 1)
    mine = claimed(client, alice, coupon())
    made = order(client, alice, [(shop.cup_sku, 2)], mine).json["id"]
    pay(client, sandbox, made, alice)
    refund(client, shop, made, "r-1", 1)
    assert held(mine) == ("used", made)  # half refunded: kept
    refund(client, shop, made, "r-2", 1)
    with transaction() as s:
        assert s.get(Order, made).status == "refunded"
    assert held(mine) == ("unused", None)
    assert order(client, alice, [(shop.cup_sku, 2)], mine).status_code == 201


def test_a_partly_refunded_order_keeps_its_coupon(app, client, shop, coupon, sandbox):
    c = coupon()
    ((_, alice),) = users(app, 1)
    mine = claimed(client, alice, c)
    made = order(client, alice, [(shop.cup_sku, 3)], mine).json["id"]
    pay(client, sandbox, made, alice)
    refund(client, shop, made, "r-1", 2)
    with transaction() as s:
        assert (s.get(Order, made).status, s.get(Order, made).refund_status) == (
            "to_ship", "partially_refunded")
    assert held(mine) == ("used", made)
    assert counts(c) == (1, 1)


def test_a_coupon_comes_back_once_and_expired_if_its_time_is_over(app, client, shop, coupon):
    c = coupon(valid_days=1)
    ((_, alice),) = users(app, 1)
    mine = claimed(client, alice, c)
    made = order(client, alice, [(shop.cup_sku, 2)], mine).json["id"]
    clock.advance(timedelta(days=2))
    assert order_jobs.expire_unpaid(made) is True
    assert held(mine) == ("expired", None)
    with transaction() as s:  # the signal heard again: nothing more
        assert checkout.give_back(s, s.get(Order, made), clock.now()) is False
    assert counts(c) == (1, 0)


def test_a_late_payment_on_a_cancelled_coupon_order_is_refunded_not_revived(
        app, client, shop, coupon, sandbox):
    """Its coupon came back at the cancel (and may be in another order), so
    the order cannot be revived with its discount: the payment is refunded."""
    ((_, alice),) = users(app, 1)
    mine = claimed(client, alice, coupon())
    made = order(client, alice, [(shop.cup_sku, 2)], mine).json["id"]
    trade = client.post(f"/mp/v1/orders/{made}/pay", headers=alice).json["out_trade_no"]
    resource = sandbox.pay(trade, clock.now())
    clock.advance(timedelta(minutes=15))
    assert order_jobs.expire_unpaid(made) is True
    reused = order(client, alice, [(shop.cup_sku, 2)], mine).json["id"]
    headers, body = sandbox.notice(resource, clock.now())
    assert post_notice(client, headers, body).status_code == 204
    with transaction() as s:
        assert s.get(Order, made).status == "cancelled"
        assert s.scalars(select(Refund.kind)).one() == "late_payment"
    assert held(mine) == ("used", reused)


def test_the_sweep_stores_unused_coupons_past_their_end_as_expired(app, client, coupon):
    from app.coupons import jobs

    (_, alice), (_, bob) = users(app, 2)
    short = claimed(client, alice, coupon(valid_days=1))
    long = claimed(client, bob, coupon(valid_days=3))
    clock.advance(timedelta(days=2))
    assert jobs.sweep() == {"expired": 1}
    assert jobs.sweep() == {"expired": 0}
    assert (held(short), held(long)) == (("expired", None), ("unused", None))


def test_every_unit_refunded_below_the_paid_amount_still_returns_the_coupon(
        app, client, shop, coupon, sandbox):
    """An amount agreed below the units' share (an after-sale) leaves fen
    behind; once every unit is refunded the order is wholly refunded all the
    same, and its coupon comes back."""
    from tests.payments.conftest import run_jobs

    ((_, alice),) = users(app, 1)
    mine = claimed(client, alice, coupon())
    made = order(client, alice, [(shop.cup_sku, 2)], mine).json["id"]  # 6000 - 1000
    pay(client, sandbox, made, alice)
    with transaction() as s:
        line_id = s.get(Order, made).lines[0].id
    resp = client.post(f"/api/v1/merchants/{shop.merchant_id}/orders/{made}/refunds",
                       headers=shop.staff, json={"refund_id": "r-1", "lines": [
                           {"line_id": line_id, "quantity": 1, "amount_fen": 2000}]})
    assert resp.status_code == 201, resp.json
    run_jobs(client.application, "payments")
    assert held(mine) == ("used", made)
    refund(client, shop, made, "r-2", 1)  # the last unit: its share, 2500
    with transaction() as s:
        row = s.get(Order, made)
        assert (row.status, row.refunded_fen, row.refund_status) == ("refunded", 4500,
                                                                     "refunded")
    assert held(mine) == ("unused", None)
