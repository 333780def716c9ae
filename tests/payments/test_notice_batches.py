"""Payment notices credited a batch at a time (app/payments/notice_batch.py):
notices and their replays racing from many threads credit each order once;
a bad notice in a batch fails alone."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app import clock
from app.db import transaction
from app.orders.models import Order
from app.outbox.models import OutboxEvent
from app.payments import notice_batch
from app.payments.errors import AmountMismatch, UnknownTrade
from app.payments.models import Payment, PaymentAnomaly, PaymentNotice
from app.payments.provider import Trade
from tests.conftest import count
from tests.payments.conftest import NOTIFY


def statuses_of(order_ids: list[int]) -> list[str]:
    with transaction() as s:
        return [s.get(Order, oid).status for oid in order_ids]


def test_ten_notices_each_posted_five_times_from_50_threads_at_once_credit_each_order_once(
        app, sandbox, checkout, make):
    merchant = make.merchant("owner")
    carts = [checkout(price_fen=1000 + i, buyer=f"buyer{i}", merchant=merchant)
             for i in range(10)]
    signed = [sandbox.notice(sandbox.pay(c.out_trade_no, clock.now()), clock.now())
              for c in carts]
    start = threading.Barrier(50)
    answers: list[int] = []

    def post(n: int) -> None:
        headers, body = signed[n % 10]
        client = app.test_client()
        start.wait()
        answers.append(client.post(NOTIFY, data=body, headers=headers).status_code)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert answers == [204] * 50
    assert statuses_of([c.order_id for c in carts]) == ["to_ship"] * 10
    with transaction() as s:
        amounts = sorted(s.scalars(select(Payment.amount_fen)))
        per_order = set(s.scalars(select(func.count()).select_from(Payment)
                                  .group_by(Payment.order_id)))
    assert amounts == [1000 + i for i in range(10)] and per_order == {1}
    assert count(PaymentNotice) == 10
    assert count(OutboxEvent) == 10  # one order_paid per order


def test_a_batch_with_a_wrong_amount_and_an_unknown_trade_credits_the_others(
        app, sandbox, checkout, make):
    merchant = make.merchant("owner")
    carts = [checkout(price_fen=1500, buyer=f"buyer{i}", merchant=merchant) for i in range(3)]
    now = clock.now()
    trades = [Trade.from_wechat(sandbox.pay(c.out_trade_no, now)) for c in carts]
    wrong = Trade.from_wechat({**sandbox.pay(carts[1].out_trade_no, now),
                               "amount": {"total": 1, "payer_total": 1, "currency": "CNY"}})
    unknown = Trade.from_wechat({**sandbox.pay(carts[2].out_trade_no, now),
                                 "out_trade_no": "PO999999999999"})
    items = [notice_batch.Credit(trades[0], "n-0", "TRANSACTION.SUCCESS", now),
             notice_batch.Credit(wrong, "n-wrong", "TRANSACTION.SUCCESS", now),
             notice_batch.Credit(unknown, "n-unknown", "TRANSACTION.SUCCESS", now),
             notice_batch.Credit(trades[2], "n-2", "TRANSACTION.SUCCESS", now),
             notice_batch.Credit(trades[0], "n-0", "TRANSACTION.SUCCESS", now)]

    with transaction() as s:
        answers = notice_batch.credit_many(s, items)

    assert [a if isinstance(a, str) else type(a) for a in answers] == \
        ["credited", AmountMismatch, UnknownTrade, "credited", "replay"]
    assert answers[1].details == {"expected_fen": 1500, "received_fen": 1}
    assert statuses_of([c.order_id for c in carts]) == \
        ["to_ship", "pending_payment", "to_ship"]
    with transaction() as s:
        assert sorted(s.scalars(select(Payment.order_id))) == \
            [carts[0].order_id, carts[2].order_id]
        assert sorted(s.scalars(select(PaymentNotice.notice_id))) == ["n-0", "n-2"]
        anomaly = s.scalars(select(PaymentAnomaly)).one()
        assert (anomaly.kind, anomaly.reference, anomaly.expected_fen,
                anomaly.received_fen) == ("amount_mismatch", carts[1].out_trade_no, 1500, 1)
    assert count(OutboxEvent) == 2
