"""The ledger: posted once however often order_paid, the settlement job or
the sweep run (also racing); every transaction balanced, checked by a
query; entries append-only; balances from entries."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, text, update

from app import clock, events
from app.db import transaction
from app.orders.models import Order
from referral import handlers, jobs, ledger
from referral.errors import LedgerUnbalanced
from referral.models import LedgerEntry, LedgerTxn
from tests.payments.conftest import post_notice, run_jobs
from tests.referral.conftest import ledger_ok


def txn_keys() -> list[str]:
    with transaction() as s:
        return list(s.scalars(select(LedgerTxn.key).order_by(LedgerTxn.id)))


@pytest.fixture
def chain(shop):
    """A <- B, buyer D bound to B; a 1000-fen product."""
    shop.distributor("A")
    shop.distributor("B", "A")
    assert shop.bind("D", "B").status_code == 200
    return shop.product(1000)[1]


def test_order_paid_twice_and_settlement_run_twice_post_once(shop, app, chain):
    order_id = shop.order("D", [(chain, 1)])
    assert post_notice(shop.client, *shop.notice).status_code == 204  # replayed notice
    with transaction() as s:  # the event itself handled again
        order = s.get(Order, order_id)
        handlers.on_order_paid(s, events.OrderPaid(order.id, order.buyer_id, order.merchant_id,
                                                   order.kind, clock.now()))
    assert txn_keys() == [f"accrue-{order_id}"]
    assert shop.pending("B", "A") == [100, 50]
    shop.complete(order_id, "D")
    assert run_jobs(app, "referral") == 1
    assert jobs.settle(order_id) == "done"
    assert jobs.sweep() == {"settled": 0, "closed": 0, "paid": 0, "errors": 0}
    assert txn_keys() == [f"accrue-{order_id}", f"settle-{order_id}"]
    assert shop.available("B", "A") == [100, 50]
    assert ledger_ok() == ([], 0)


def test_racing_replays_of_one_notice_post_once(shop, chain):
    order_id = shop.order("D", [(chain, 1)])
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: post_notice(shop.client, *shop.notice).status_code,
                                range(16)))
    assert answers == [204] * 16
    assert txn_keys() == [f"accrue-{order_id}"]
    assert shop.pending("B", "A") == [100, 50]


def test_racing_settlers_settle_once(shop, app, chain):
    order_id = shop.order("D", [(chain, 1)])
    shop.complete(order_id, "D")

    def settle(_):
        with app.app_context():
            return jobs.settle(order_id)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(settle, range(8)))
    assert sorted(results) == ["done"] * 7 + ["settled"]
    assert txn_keys() == [f"accrue-{order_id}", f"settle-{order_id}"]
    assert shop.available("B", "A") == [100, 50]


def test_the_sweep_settles_an_order_whose_job_was_lost(shop, app, chain):
    order_id = shop.order("D", [(chain, 1)])
    shop.complete(order_id, "D")
    app.extensions["mall.queues"].get("referral").empty()  # the job is lost
    assert jobs.sweep()["settled"] == 1
    assert shop.available("B", "A") == [100, 50]


def test_an_open_refund_holds_settlement_until_it_is_decided(shop, app, chain):
    order_id = shop.order("D", [(chain, 2)])
    shop.complete(order_id, "D")
    with transaction() as s:
        s.get(Order, order_id).refund_status = "refunding"
    assert jobs.settle(order_id) == "waiting"
    assert jobs.sweep()["settled"] == 0
    with transaction() as s:
        s.get(Order, order_id).refund_status = ""
    assert jobs.sweep()["settled"] == 1


def test_a_refund_before_settlement_reverses_pending_and_a_full_one_closes(shop, chain):
    order_id = shop.order("D", [(chain, 3)])
    assert shop.pending("B", "A") == [300, 150]
    shop.refund(order_id, "r1", [(0, 1)])
    assert shop.pending("B", "A") == [200, 100]
    shop.refund(order_id, "r2", [(0, 2)])
    assert shop.pending("B", "A") == [0, 0]
    assert jobs.sweep()["closed"] == 1
    assert shop.available("B", "A") == [0, 0]
    assert ledger_ok() == ([], 0)


def test_an_unbalanced_transaction_is_refused_before_writing(app):
    with transaction() as s, pytest.raises(LedgerUnbalanced):
        ledger.post(s, key="bad", merchant_id=1, kind="test", now=clock.now(),
                    legs=[("expense", 0, -100), ("pending", 7, 99)])
    with transaction() as s:
        assert s.scalar(select(func.count(LedgerTxn.id))) == 0


def test_the_check_query_finds_a_transaction_written_around_the_code(shop, chain):
    order_id = shop.order("D", [(chain, 1)])
    with transaction() as s:
        txn_id = s.scalar(select(LedgerTxn.id))
        account = s.scalar(select(LedgerEntry.account_id))
        s.execute(insert(LedgerEntry).values(txn_id=txn_id, account_id=account, amount_fen=1,
                                             created_at=clock.now()))
    assert ledger_ok() == ([txn_id], 1)
    assert order_id


def test_entries_are_append_only(shop, chain):
    shop.order("D", [(chain, 1)])
    with pytest.raises(ledger.AppendOnly), transaction() as s:
        s.scalars(select(LedgerEntry)).first().amount_fen = 0
    with pytest.raises(ledger.AppendOnly), transaction() as s:
        s.delete(s.scalars(select(LedgerTxn)).first())
    with pytest.raises(ledger.AppendOnly), transaction() as s:
        s.execute(update(LedgerEntry).values(amount_fen=0))
    with transaction() as s:
        assert s.execute(text("SELECT COUNT(*) FROM ledger_entries")).scalar() == 3
    assert ledger_ok() == ([], 0)


def test_refunds_after_a_window_rebinding_follow_the_chain_at_payment(shop, chain):
    """The chain recorded at payment pays and is reversed, whatever binds later."""
    shop.set_rules(binding_policy="window", window_days=1)
    order_id = shop.order("D", [(chain, 2)])
    shop.distributor("X")
    clock.advance(timedelta(days=2))
    assert shop.bind("D", "X").status_code == 200
    shop.refund(order_id, "r1", [(0, 1)])
    assert shop.pending("B", "A", "X") == [100, 50, 0]


def test_a_key_posted_before_posts_nothing_in_a_batch_either(shop, chain):
    """post_many with a replayed key among new ones writes only the new ones."""
    legs = [("expense", 0, -5), ("available", shop.make.user("A"), 5)]
    with transaction() as s:
        assert ledger.post_many(s, [ledger.Txn("k1", shop.merchant_id, "test", legs)],
                                clock.now()) == ["k1"]
    with transaction() as s:
        assert ledger.post_many(s, [ledger.Txn(k, shop.merchant_id, "test", legs)
                                    for k in ("k0", "k1", "k2")], clock.now()) == ["k0", "k2"]
    assert txn_keys() == ["k1", "k0", "k2"]
    assert shop.available("A") == [15]
    assert ledger_ok() == ([], 0)
