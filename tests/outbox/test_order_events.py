"""Domain events after the commit: a failing handler never undoes the
payment that caused it, is retried and takes effect once; racing replays
apply each handler once; the sweep sends again what a lost job left; one
order's events reach a handler in the order they happened."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock, events, outbox
from app.db import transaction
from app.orders.models import Order
from app.outbox import dispatch, jobs
from app.outbox.models import HandlerApplied, OutboxEvent
from app.payments.models import Payment
from members import handlers as member_handlers
from members.models import Member
from tests.payments.conftest import post_notice, run_jobs


class Flaky:
    """A handler that raises its first `failures` runs, then counts its
    effects in Redis (outside the handler's transaction, so a second run
    would show)."""

    def __init__(self, redis, failures: int, then=None):
        self.redis, self.failures, self.then = redis, failures, then

    def __call__(self, session, event):
        if self.failures > 0:
            self.failures -= 1
            raise RuntimeError("a bug in this handler")
        if self.then is not None:
            self.then(session, event)
        self.redis.incr(f"test:applied:{event.order_id}")

    def applied(self, order_id: int) -> int:
        return int(self.redis.get(f"test:applied:{order_id}") or 0)


def event_row(order_id: int, name: str = "order_paid") -> OutboxEvent:
    with transaction() as s:
        return s.scalars(select(OutboxEvent).where(OutboxEvent.stream == f"order:{order_id}",
                                                   OutboxEvent.name == name)).one()


def members_of(merchant_buyer: tuple[int, int]) -> int:
    merchant_id, buyer_id = merchant_buyer
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(Member).where(
            Member.merchant_id == merchant_id, Member.user_id == buyer_id))


def buyer_of(order_id: int) -> tuple[int, int]:
    with transaction() as s:
        order = s.get(Order, order_id)
        return order.merchant_id, order.buyer_id


def test_a_failing_order_paid_handler_keeps_the_payment_is_retried_and_applies_once(
        app, redis, paid):
    """The member CRM's order_paid handler (membership) raises on its first
    run: the payment and the paid order stand, the other handlers apply, the
    event stays pending with the error; RQ's retry (run here by the sweep
    once due) applies it, once."""
    join = Flaky(redis, failures=1, then=member_handlers.on_order_paid)
    events.subscribe(events.Handler(events.OrderPaid, "members.join", join))
    c = paid(price_fen=1000)

    assert run_jobs(app, "events") == 1  # the event's dispatch job, after the commit
    with transaction() as s:
        order = s.get(Order, c.order_id)
        assert (order.status, s.scalar(select(func.count()).select_from(Payment))) == \
            ("to_ship", 1)
    row = event_row(c.order_id)
    assert (row.done_at, row.attempts) == (None, 1)
    assert "members.join" in row.last_error and "a bug in this handler" in row.last_error
    assert join.applied(c.order_id) == 0 and members_of(buyer_of(c.order_id)) == 0
    failed = app.extensions["mall.queues"].get("events").fetch_job(f"event-{row.id}")
    assert failed.get_status() == "scheduled"  # RQ's retry, in 5 s

    clock.advance(timedelta(minutes=2))
    assert jobs.sweep()["requeued"] == 1
    assert run_jobs(app, "events") == 1
    assert join.applied(c.order_id) == 1 and members_of(buyer_of(c.order_id)) == 1
    assert event_row(c.order_id).done_at is not None

    assert dispatch.dispatch(row.id) == 0  # replayed: nothing applies twice
    assert jobs.sweep()["requeued"] == 0
    assert join.applied(c.order_id) == 1 and members_of(buyer_of(c.order_id)) == 1


def test_eight_threads_replaying_the_outbox_apply_each_handler_once(app, redis, paid):
    counters = [Flaky(redis, failures=0) for _ in range(3)]
    for i, counter in enumerate(counters):
        events.subscribe(events.Handler(events.OrderPaid, f"test.count{i}",
                                        lambda s, e, c=counter, i=i: (c(s, e), redis.incr(
                                            f"test:count{i}"))))
    c = paid(price_fen=1000)
    event_id = event_row(c.order_id).id
    start = threading.Barrier(8)
    applied, errors = [], []

    def replay():
        with app.app_context():
            start.wait()
            try:
                applied.append(dispatch.dispatch(event_id))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

    threads = [threading.Thread(target=replay) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    handled = len(events.handlers_for(events.OrderPaid))
    assert sum(applied) == handled  # every handler once, whichever thread ran it
    assert [int(redis.get(f"test:count{i}")) for i in range(3)] == [1, 1, 1]
    with transaction() as s:
        rows = s.scalar(select(func.count()).select_from(HandlerApplied)
                        .where(HandlerApplied.event_id == event_id))
    assert rows == handled
    assert members_of(buyer_of(c.order_id)) == 1
    assert event_row(c.order_id).done_at is not None


def test_the_sweep_dispatches_an_event_whose_job_was_lost(app, redis, paid):
    counter = Flaky(redis, failures=0)
    events.subscribe(events.Handler(events.OrderPaid, "test.count", counter))
    c = paid(price_fen=1000)
    app.extensions["mall.queues"].get("events").empty()  # the job is lost
    assert jobs.sweep()["requeued"] == 0  # not due yet: its job may still come
    clock.advance(timedelta(minutes=1))
    assert jobs.sweep()["requeued"] == 1
    assert run_jobs(app, "events") == 1
    assert counter.applied(c.order_id) == 1
    assert event_row(c.order_id).done_at is not None


def test_an_orders_events_reach_a_feature_in_the_order_they_happened(app, redis, checkout,
                                                                     client, sandbox):
    """A feature's order_paid handler failed: that feature's order_refunded
    handler waits for it; another feature's does not."""
    seen = []
    flaky = Flaky(redis, failures=2, then=lambda _s, e: seen.append(("paid", e.order_id)))
    events.subscribe(events.Handler(events.OrderPaid, "test.paid", flaky))
    events.subscribe(events.Handler(events.OrderRefunded, "test.refunded",
                                    lambda _s, e: seen.append(("refunded", e.order_id))))
    events.subscribe(events.Handler(events.OrderRefunded, "other.refunded",
                                    lambda _s, e: seen.append(("other", e.order_id))))
    c = checkout(price_fen=1000)
    headers, body = sandbox.notice(sandbox.pay(c.out_trade_no, clock.now()), clock.now())
    assert post_notice(client, headers, body).status_code == 204
    dispatch.drain()
    assert seen == []
    with transaction() as s:  # a refund event of the same order, recorded after
        outbox.record(s, events.OrderRefunded(order_id=c.order_id, refund_id=1, amount_fen=1,
                                               lines=(), whole=False, at=clock.now()))
    refunded = event_row(c.order_id, "order_refunded").id
    with pytest.raises(dispatch.HandlersFailed):
        dispatch.dispatch(refunded)
    assert seen == [("other", c.order_id)]
    assert dispatch.dispatch(refunded) == 2
    assert seen == [("other", c.order_id), ("paid", c.order_id), ("refunded", c.order_id)]


def test_a_handler_failing_for_one_event_of_a_batch_neither_stops_nor_doubles_the_others(
        app, redis, paid):
    """Three orders' events dispatched in one batch; the test handler raises
    for the second order only: the first and third apply once (as does
    every other handler of all three), the second waits with its error and
    applies once when the batch runs again."""
    carts = [paid(price_fen=1000 + i) for i in range(3)]
    bad = carts[1].order_id
    broken = {"on": True}

    def count(session, event):
        if broken["on"] and event.order_id == bad:
            raise RuntimeError("fails for this order")
        redis.incr(f"test:applied:{event.order_id}")

    events.subscribe(events.Handler(events.OrderPaid, "test.count", count))
    ids = [event_row(c.order_id).id for c in carts]
    handled = len(events.handlers_for(events.OrderPaid))

    with pytest.raises(dispatch.HandlersFailed):
        dispatch.dispatch_many(ids)

    applied = [int(redis.get(f"test:applied:{c.order_id}") or 0) for c in carts]
    assert applied == [1, 0, 1]
    rows = [event_row(c.order_id) for c in carts]
    assert [r.done_at is not None for r in rows] == [True, False, True]
    assert (rows[1].attempts, "fails for this order" in rows[1].last_error) == (1, True)
    with transaction() as s:
        per_event = dict(s.execute(select(HandlerApplied.event_id, func.count())
                                   .group_by(HandlerApplied.event_id)).all())
    assert per_event == {ids[0]: handled, ids[1]: handled - 1, ids[2]: handled}
    assert [members_of(buyer_of(c.order_id)) for c in carts] == [1, 1, 1]

    broken["on"] = False
    assert dispatch.dispatch_many(ids) == 1  # only the one that failed
    assert [int(redis.get(f"test:applied:{c.order_id}")) for c in carts] == [1, 1, 1]
    assert all(event_row(c.order_id).done_at is not None for c in carts)


def test_the_events_of_one_transaction_leave_in_one_dispatch_job(app, redis, paid):
    carts = [paid(price_fen=1000 + i) for i in range(2)]
    queue = app.extensions["mall.queues"].get("events")
    queue.empty()
    with transaction() as s:
        for c in carts:
            outbox.record(s, events.OrderCompleted(order_id=c.order_id, at=clock.now()))
    ids = sorted(event_row(c.order_id, "order_completed").id for c in carts)
    assert queue.job_ids == [f"events-{ids[0]}-2"]
    assert queue.fetch_job(f"events-{ids[0]}-2").args == (ids,)
