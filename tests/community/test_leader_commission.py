"""Leader commission through the referral ledger: pending on pickup,
available on completion, reversed in proportion on refund at any stage."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.db import transaction
from app.orders import jobs as order_jobs
from app.orders.models import Order
from app.payments.models import Refund
from community import jobs as community_jobs
from community import leader_commission
from community.models import LeaderCommission
from tests.conftest import drain_events
from tests.payments.conftest import run_jobs
from tests.referral.conftest import ledger_ok, merchant_balance


def _bal(hood, name):
    b = hood.balances(name)
    return b["pending"], b["available"]


def _picked_up(hood, lines=((1000, 3),), bps=None, community_bps=1000):
    """lily leads at 10% (or her own rate); bob orders and collects."""
    c = hood.community(bps=community_bps)
    point = hood.leader("lily", c, bps=bps)
    hood.join("bob", c)
    skus = [hood.product(price, title=f"P{price}")[1] for price, _ in lines]
    wanted = [(s, q) for s, (_, q) in zip(skus, lines, strict=True)]
    order_id = hood.pickup_order("bob", wanted, point)
    assert _bal(hood, "lily") == (0, 0)  # nothing before the goods are collected
    resp = hood.hand_over("lily", order_id, hood.code_of("bob", order_id))
    assert resp.status_code == 200, resp.json
    return c, order_id


def test_leader_commission_appears_on_pickup_and_is_reversed_on_refund(hood):
    c, order_id = _picked_up(hood)  # 3 x 10.00 = 30.00 paid goods, 10%
    assert _bal(hood, "lily") == (300, 0)
    hood.refund(order_id, "r1", [(0, 1)])  # a third back
    assert _bal(hood, "lily") == (200, 0)
    hood.refund(order_id, "r2", [(0, 2)])  # the rest
    assert _bal(hood, "lily") == (0, 0)
    assert merchant_balance(hood.merchant_id, "expense") == 0
    assert ledger_ok() == ([], 0)
    report = hood.mp_as("lily", "GET", f"/leader/communities/{c['id']}/commission")
    assert report.status_code == 200
    assert [(r["full_fen"], r["refunded_fen"], r["owed_fen"], r["status"])
            for r in report.json["items"]] == [(300, 3000, 0, "pending")]


def test_commission_becomes_available_when_the_order_completes(hood):
    _, order_id = _picked_up(hood)
    clock.advance(timedelta(days=7, seconds=1))
    assert order_jobs.complete(order_id)
    drain_events()
    assert _bal(hood, "lily") == (0, 300)
    assert community_jobs.sweep() == {"leader_settled": 0}  # settled once, at completion
    assert ledger_ok() == ([], 0)


def test_refund_after_withdrawal_takes_the_balance_negative_never_capped(hood):
    _, order_id = _picked_up(hood)
    clock.advance(timedelta(days=7, seconds=1))
    assert order_jobs.complete(order_id)
    drain_events()
    hood.set_rules(withdraw_min_fen=100)
    # a leader withdraws through referral, as a distributor of the shop
    resp = hood.client.post(f"/mp/v1/referral/merchants/{hood.merchant_id}/join",
                            headers=hood.login("lily"), json={"accept_terms": True})
    assert resp.status_code == 201, resp.json
    assert hood.withdraw("lily", 300).status_code == 201
    assert hood.balances("lily")["withdrawing"] == 300
    hood.refund(order_id, "after-sale", [(0, 3)])  # a refund after completion
    assert _bal(hood, "lily") == (0, -300)
    refused = hood.withdraw("lily", 100, key="w2")
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "negative_balance")
    assert ledger_ok() == ([], 0)


def test_rate_is_on_paid_goods_rounded_down_merchant_keeps_the_rest(hood):
    # leader's own 333 bps over the community's; 2 x 9.99 + 1 x 0.07 = 20.05
    _, order_id = _picked_up(hood, lines=((999, 2), (7, 1)), bps=333)
    assert _bal(hood, "lily") == (2005 * 333 // 10_000, 0) == (66, 0)
    hood.refund(order_id, "r1", [(1, 1)])  # 0.07 back: 66 * 1998 // 2005 = 65
    assert _bal(hood, "lily") == (65, 0)
    assert ledger_ok() == ([], 0)


def test_a_refund_before_pickup_cuts_the_commission_posted_at_pickup(hood):
    c = hood.community(bps=1000)
    point = hood.leader("lily", c)
    hood.join("bob", c)  # pickup is for the community's members
    _, sku = hood.product(1000)
    order_id = hood.pickup_order("bob", [(sku, 4)], point)
    hood.refund(order_id, "r-early", [(0, 1)])
    assert _bal(hood, "lily") == (0, 0)
    assert hood.hand_over("lily", order_id, hood.code_of("bob", order_id)).status_code == 200
    assert _bal(hood, "lily") == (300, 0)  # 10% of the 30.00 kept
    assert ledger_ok() == ([], 0)


def test_a_wholly_refunded_order_closes_its_code(hood):
    c = hood.community(bps=1000)
    point = hood.leader("lily", c)
    hood.join("bob", c)  # pickup is for the community's members
    _, sku = hood.product(1000)
    order_id = hood.pickup_order("bob", [(sku, 1)], point)
    code = hood.code_of("bob", order_id)
    hood.refund(order_id, "all", [(0, 1)])
    assert (hood.pickup_row(order_id).status, hood.pickup_row(order_id).open_code) == \
        ("refunded", None)
    resp = hood.hand_over("lily", order_id, code)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "pickup_not_waiting")


def test_replayed_steps_post_nothing_new(hood):
    _, order_id = _picked_up(hood)
    with transaction() as s:
        order = s.get(Order, order_id)
        assert leader_commission.accrue(s, order, clock.now()) is None
    hood.refund(order_id, "r1", [(0, 1)])
    with transaction() as s:
        order = s.get(Order, order_id)
        refund_id = s.scalar(select(Refund.id).order_by(Refund.id.desc()).limit(1))
        assert not leader_commission.on_refunded(s, order, refund_id=refund_id,
                                                 amount_fen=1000, now=clock.now())
        assert s.get(LeaderCommission, order_id).owed_fen == 200
    assert _bal(hood, "lily") == (200, 0)
    assert ledger_ok() == ([], 0)


def test_completion_while_a_refund_is_processing_settles_in_the_sweep(hood):
    _, order_id = _picked_up(hood)
    line_id = hood.line_ids(order_id)[0]
    resp = hood.client.post(
        f"/api/v1/merchants/{hood.merchant_id}/orders/{order_id}/refunds",
        headers=hood.staff, json={"refund_id": "slow", "lines": [{"line_id": line_id,
                                                                  "quantity": 1}]})
    assert resp.status_code == 201
    clock.advance(timedelta(days=7, seconds=1))
    assert order_jobs.complete(order_id)
    drain_events()
    assert _bal(hood, "lily") == (300, 0)  # waits for the refund
    assert community_jobs.sweep() == {"leader_settled": 0}
    assert run_jobs(hood.app, "payments") == 1  # the refund succeeds
    drain_events()
    assert _bal(hood, "lily") == (200, 0)
    assert community_jobs.sweep() == {"leader_settled": 1}
    assert _bal(hood, "lily") == (0, 200)
    assert ledger_ok() == ([], 0)


def _own_order(hood, point, sku) -> int:
    """lily orders for pickup at her own point and hands it to herself."""
    order_id = hood.pickup_order("lily", [(sku, 3)], point)
    resp = hood.hand_over("lily", order_id, hood.code_of("lily", order_id))
    assert resp.status_code == 200, resp.json
    return order_id


def test_a_leaders_own_order_earns_leader_commission_only_with_self_purchase_on(hood):
    c = hood.community(bps=1000)
    point = hood.leader("lily", c)
    _, sku = hood.product(1000)
    hood.set_rules(self_purchase=False)
    off = _own_order(hood, point, sku)  # 3 x 10.00, 10%
    assert _bal(hood, "lily") == (0, 0)
    with transaction() as s:
        assert s.get(LeaderCommission, off) is None
    hood.refund(off, "r-off", [(0, 1)])  # a refund finds nothing to reverse
    assert _bal(hood, "lily") == (0, 0)

    hood.set_rules(self_purchase=True)
    on = _own_order(hood, point, sku)
    assert _bal(hood, "lily") == (300, 0)
    with transaction() as s:
        assert (s.get(LeaderCommission, on).owed_fen, s.get(LeaderCommission, on).leader_id) \
            == (300, hood.ids["lily"])
    hood.join("bob", c)
    order_id = hood.pickup_order("bob", [(sku, 1)], point)  # others' orders: as always
    hood.set_rules(self_purchase=False)
    assert hood.hand_over("lily", order_id, hood.code_of("bob", order_id)).status_code == 200
    assert _bal(hood, "lily") == (400, 0)
    assert ledger_ok() == ([], 0)


def test_earns_leader_commission_rule():
    from community import rules

    assert rules.earns_leader_commission(1, 2, self_purchase=False)
    assert not rules.earns_leader_commission(2, 2, self_purchase=False)
    assert rules.earns_leader_commission(2, 2, self_purchase=True)
