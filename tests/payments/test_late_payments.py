"""A payment that arrives after the order timed out: kept only when its
stock can be taken again, otherwise refunded in full. Random interleavings
of the timeout cancel, a restock, a rival buyer and the late notice (some of
them racing in threads) never oversell and never keep money for goods we
cannot send."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.catalog import service as catalog
from app.catalog.models import Sku
from app.db import transaction
from app.orders import jobs as order_jobs
from app.orders import service as orders
from app.orders.models import Order, OrderLine
from app.payments import flows
from app.payments.models import Payment, Refund
from tests.conftest import stock_of
from tests.payments.conftest import post_notice, run_jobs

RUNS = 240
LIVE = ("pending_payment", "paid", "to_ship")


def test_late_payment_with_stock_left_revives_the_order(client, sandbox, checkout):
    c = checkout(stock=3, quantity=2)
    resource = sandbox.pay(c.out_trade_no, clock.now())  # paid in time, told late
    clock.advance(timedelta(minutes=15))
    assert order_jobs.expire_unpaid(c.order_id) is True
    assert stock_of(c.sku_ids[0]) == 3
    headers, body = sandbox.notice(resource, clock.now())  # each delivery is signed anew
    assert post_notice(client, headers, body).status_code == 204
    with transaction() as s:
        order = s.get(Order, c.order_id)
        assert (order.status, order.cancel_reason) == ("to_ship", "payment_timeout")
        assert s.scalar(select(Payment.outcome)) == "credited"
    assert stock_of(c.sku_ids[0]) == 1
    assert run_jobs(client.application, "payments") == 0


def test_late_payment_on_sold_out_stock_is_refunded_in_full(client, make, sandbox, checkout):
    c = checkout(price_fen=990, stock=2, quantity=2)
    resource = sandbox.pay(c.out_trade_no, clock.now())
    clock.advance(timedelta(minutes=15))
    headers, body = sandbox.notice(resource, clock.now(), notice_id="EV-late")
    assert order_jobs.expire_unpaid(c.order_id) is True
    rival = make.user("bob")
    with transaction() as s:
        orders.create_order(s, buyer_id=rival, lines=[(c.sku_ids[0], 1)], now=clock.now())
    assert post_notice(client, headers, body).status_code == 204

    with transaction() as s:
        assert s.get(Order, c.order_id).status == "cancelled"
        payment = s.scalars(select(Payment)).one()
        refund = s.scalars(select(Refund)).one()
        assert (payment.outcome, refund.kind, refund.amount_fen, refund.status) == (
            "refund_due", "late_payment", 1980, "processing")
    assert stock_of(c.sku_ids[0]) == 1
    assert run_jobs(client.application, "payments") == 1
    with transaction() as s:
        refund = s.scalars(select(Refund)).one()
        assert (refund.status, refund.out_refund_no) == ("succeeded", f"RF{refund.id:012d}")
        assert s.scalars(select(Payment)).one().refunded_fen == 1980
    assert sandbox.query_refund(refund.out_refund_no).amount_fen == 1980
    # the notice again: nothing more
    assert post_notice(client, headers, body).status_code == 204
    assert run_jobs(client.application, "payments") == 0
    assert stock_of(c.sku_ids[0]) == 1


def test_a_second_payment_of_a_paid_order_is_refunded(client, sandbox, checkout):
    """Two transactions for one order (paid on two phones): keep the first."""
    c = checkout(price_fen=500)
    first = sandbox.pay(c.out_trade_no, clock.now())
    second = {**first, "transaction_id": "4200000000000000000000002"}
    for resource in (first, second):
        headers, body = sandbox.notice(resource, clock.now())
        assert post_notice(client, headers, body).status_code == 204
    with transaction() as s:
        outcomes = s.execute(select(Payment.transaction_id, Payment.outcome)
                             .order_by(Payment.id)).all()
        assert [o for _, o in outcomes] == ["credited", "refund_due"]
        refund = s.scalars(select(Refund)).one()
        assert (refund.kind, refund.amount_fen, refund.restock) == ("duplicate_payment", 500,
                                                                    False)
        assert s.get(Order, c.order_id).status == "to_ship"


def _restock(merchant_owner: int, sku_id: int, n: int) -> None:
    with transaction() as s:
        sku = s.get(Sku, sku_id)
        catalog.adjust_stock(s, staff_id=merchant_owner, merchant_id=sku.merchant_id,
                             sku_id=sku_id, delta=n)


def _rival(buyer_id: int, sku_id: int) -> None:
    """Another buyer takes whatever stock is left."""
    left = stock_of(sku_id)
    if left:
        with transaction() as s:
            orders.create_order(s, buyer_id=buyer_id, lines=[(sku_id, left)], now=clock.now())


def _race_payment_and_timeout(app, headers: dict, body: bytes, order_id: int) -> None:
    barrier = threading.Barrier(2)
    statuses = []

    def pay():
        barrier.wait()
        statuses.append(post_notice(app.test_client(), headers, body).status_code)

    def expire():
        with app.app_context():
            barrier.wait()
            order_jobs.expire_unpaid(order_id)

    threads = [threading.Thread(target=pay), threading.Thread(target=expire)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert statuses == [204]


def _units_held(sku_id: int) -> int:
    with transaction() as s:
        return s.scalar(select(func.coalesce(func.sum(OrderLine.quantity), 0))
                        .join(Order, Order.id == OrderLine.order_id)
                        .where(OrderLine.sku_id == sku_id, Order.status.in_(LIVE)))


@pytest.mark.parametrize("batch", range(4))
def test_random_interleavings_never_oversell_and_refund_every_late_payment(
        app, client, make, sandbox, checkout, batch):
    owner = make.user("owner")
    merchant = make.merchant("owner")
    rival = make.user("bob")
    outcomes: dict[str, int] = {}
    for seed in range(batch * RUNS // 4, (batch + 1) * RUNS // 4):
        rnd = random.Random(seed)
        initial, quantity = rnd.randint(1, 3), 1
        quantity = rnd.randint(1, initial)
        c = checkout(price_fen=rnd.randint(1, 5000), stock=initial, quantity=quantity,
                     merchant=merchant)
        sku = c.sku_ids[0]
        resource = sandbox.pay(c.out_trade_no, clock.now())
        restocked = 0
        steps = ["timeout", "restock", "rival", "pay"]
        rnd.shuffle(steps)
        race = rnd.random() < 0.3  # the payment and the timeout at once, in threads
        clock.advance(timedelta(minutes=15))
        headers, body = sandbox.notice(resource, clock.now())
        for step in steps:
            if step == "restock":
                n = rnd.randint(0, 2)
                if n:
                    _restock(owner, sku, n)
                restocked += n
            elif step == "rival":
                _rival(rival, sku)
            elif step == "timeout" and not race:
                order_jobs.expire_unpaid(c.order_id)
            elif step == "pay" and not race:
                assert post_notice(client, headers, body).status_code == 204
        if race:
            _race_payment_and_timeout(app, headers, body, c.order_id)
        run_jobs(app, "payments")

        label = f"seed {seed}"
        assert stock_of(sku) >= 0, label
        assert stock_of(sku) + _units_held(sku) == initial + restocked, label
        with transaction() as s:
            order = s.get(Order, c.order_id)
            payment = s.scalars(select(Payment).where(Payment.order_id == c.order_id)).one()
            refunds = s.scalars(select(Refund).where(Refund.order_id == c.order_id)).all()
            if order.status == "cancelled":
                assert payment.outcome == "refund_due", label
                assert [(r.kind, r.amount_fen, r.status) for r in refunds] == [
                    ("late_payment", payment.amount_fen, "succeeded")], label
                outcomes["refunded"] = outcomes.get("refunded", 0) + 1
            else:
                assert order.status == "to_ship", label
                assert (payment.outcome, refunds) == ("credited", []), label
                key = "revived" if order.cancelled_at else "paid"
                outcomes[key] = outcomes.get(key, 0) + 1
        clock.advance(timedelta(minutes=1))
    # every path was taken in this batch
    assert set(outcomes) == {"paid", "revived", "refunded"}, outcomes


def test_reconciliation_credits_a_paid_trade_whose_notice_was_lost(client, sandbox,
                                                                   checkout):
    c = checkout(price_fen=700)
    sandbox.pay(c.out_trade_no, clock.now())  # paid; the notice never comes
    clock.advance(timedelta(minutes=16))
    with transaction() as s:
        intent_id = s.scalar(select(Payment.id))
    assert intent_id is None
    from app.payments import jobs as pay_jobs

    assert pay_jobs.sweep() == {"reconciled": 1, "closed": 0, "refunds_checked": 0,
                              "errors": 0}
    with transaction() as s:
        order = s.get(Order, c.order_id)
        # the timer had not cancelled it yet: credited as a normal payment
        assert (order.status, s.scalar(select(Payment.outcome))) == ("to_ship", "credited")
    assert pay_jobs.sweep() == {"reconciled": 0, "closed": 0, "refunds_checked": 0,
                              "errors": 0}


def test_reconciliation_closes_an_unpaid_trade_and_times_the_order_out(client, sandbox,
                                                                       checkout):
    c = checkout(stock=4, quantity=3)
    clock.advance(timedelta(minutes=16))
    from app.payments import jobs as pay_jobs

    assert pay_jobs.sweep() == {"reconciled": 1, "closed": 1, "refunds_checked": 0,
                              "errors": 0}
    with transaction() as s:
        order = s.get(Order, c.order_id)
        assert (order.status, order.cancel_reason) == ("cancelled", "payment_timeout")
    assert stock_of(c.sku_ids[0]) == 4
    assert sandbox.query(c.out_trade_no).trade_state == "CLOSED"
    # a closed trade can no longer be paid
    with pytest.raises(Exception) as refused:
        sandbox.pay(c.out_trade_no, clock.now())
    assert refused.value.code == "not_payable"
    assert flows.reconcile(sandbox, 1, clock.now()) == "settled"


def test_a_buyer_who_cancelled_and_then_paid_is_refunded(client, sandbox, checkout):
    """Paid from an old payment sheet after cancelling: the cancel stands."""
    c = checkout(stock=5)
    resource = sandbox.pay(c.out_trade_no, clock.now())
    assert client.post(f"/mp/v1/orders/{c.order_id}/cancel", headers=c.headers).status_code \
        == 200
    headers, body = sandbox.notice(resource, clock.now())
    assert post_notice(client, headers, body).status_code == 204
    with transaction() as s:
        assert s.get(Order, c.order_id).status == "cancelled"
        assert s.scalars(select(Refund.kind)).one() == "late_payment"
    assert stock_of(c.sku_ids[0]) == 5


def test_one_bad_trade_never_stops_the_sweep(app, client, sandbox, checkout, redis):
    from app.payments import jobs as pay_jobs
    from app.payments import keys
    from app.payments.models import PaymentAnomaly, PaymentIntent

    wrong = checkout(price_fen=100)
    broken = checkout(price_fen=200, buyer="bob")
    lost = checkout(price_fen=300, buyer="carol")
    for c in (wrong, broken, lost):
        sandbox.pay(c.out_trade_no, clock.now())
    redis.hset(keys.sandbox_trade(wrong.out_trade_no), "amount", 1)  # paid the wrong amount
    redis.hdel(keys.sandbox_trade(broken.out_trade_no), "amount")  # the query fails
    clock.advance(timedelta(minutes=16))
    assert pay_jobs.sweep() == {"reconciled": 3, "closed": 0, "refunds_checked": 0,
                                "errors": 1}
    with transaction() as s:
        statuses = dict(s.execute(select(PaymentIntent.order_id, PaymentIntent.status)).all())
        assert statuses == {wrong.order_id: "anomaly", broken.order_id: "open",
                            lost.order_id: "paid"}
        assert s.get(Order, lost.order_id).status == "to_ship"
        assert s.scalars(select(PaymentAnomaly.reference)).all() == [wrong.out_trade_no]
    # next minute: the wrong one is not asked again, the broken one is
    assert pay_jobs.sweep() == {"reconciled": 1, "closed": 0, "refunds_checked": 0,
                                "errors": 1}
