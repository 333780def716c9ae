"""An unpaid order times out and returns its stock exactly once, whoever
races for it: the scheduled job, the sweep, the buyer's cancel."""

from __future__ import annotations

import threading
from datetime import timedelta

from rq import SimpleWorker
from rq.registry import ScheduledJobRegistry

from app import clock, events
from app.db import transaction
from app.orders import jobs, service
from app.orders.models import Order
from app.queue import enqueue
from tests.conftest import T0, drain_events, stock_of


def _order(app, make, qty=3, stock=10):
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=[(1200, stock)])
    headers = make.login("alice")
    resp = app.test_client().post("/mp/v1/orders", headers=headers,
                                  json={"lines": [{"sku_id": sku, "quantity": qty}]})
    assert resp.status_code == 201
    return resp.json["id"], sku, headers


def _status(order_id):
    with transaction() as s:
        return s.get(Order, order_id).status


def test_order_schedules_its_expiry_job_at_the_deadline(app, make):
    order_id, _, _ = _order(app, make)
    queue = app.extensions["mall.queues"].get("orders")
    registry = ScheduledJobRegistry(queue=queue)
    assert registry.get_job_ids() == [f"order-expire-{order_id}"]
    when = registry.get_scheduled_time(f"order-expire-{order_id}")
    assert when == T0 + timedelta(minutes=15)


def test_timeout_before_deadline_does_nothing(app, make):
    order_id, sku, _ = _order(app, make)
    clock.advance(timedelta(minutes=14, seconds=59))
    assert jobs.expire_unpaid(order_id) is False
    assert _status(order_id) == "pending_payment"
    assert stock_of(sku) == 7


def test_timeout_job_returns_stock_once(app, make):
    order_id, sku, _ = _order(app, make)
    clock.advance(timedelta(minutes=15))
    assert jobs.expire_unpaid(order_id) is True
    assert jobs.expire_unpaid(order_id) is False
    assert jobs.sweep() == {"expired": 0, "received": 0, "completed": 0}
    assert stock_of(sku) == 10
    with transaction() as s:
        order = s.get(Order, order_id)
        assert (order.status, order.cancel_reason) == ("cancelled", "payment_timeout")
        assert order.cancelled_at == T0 + timedelta(minutes=15)


def test_sweep_catches_a_lost_timer(app, make):
    order_id, sku, _ = _order(app, make)
    app.extensions["mall.queues"].connection.flushdb()  # the scheduled job is lost
    clock.advance(timedelta(minutes=20))
    assert jobs.sweep() == {"expired": 1, "received": 0, "completed": 0}
    assert _status(order_id) == "cancelled"
    assert stock_of(sku) == 10


def _race_to_cancel(app, order_id, headers) -> list[bool]:
    """Two timeout jobs, two sweeps and two buyer cancels started together;
    each reports whether it was the one that cancelled."""
    barrier = threading.Barrier(6)
    outcomes = []

    def actor(kind):
        barrier.wait()
        with app.app_context():
            if kind == "job":
                outcomes.append(jobs.expire_unpaid(order_id))
            elif kind == "sweep":
                outcomes.append(jobs.sweep()["expired"] == 1)
            else:
                code = app.test_client().post(f"/mp/v1/orders/{order_id}/cancel",
                                              headers=headers).status_code
                outcomes.append(code == 200)

    threads = [threading.Thread(target=actor, args=(k,)) for k in ("job", "sweep", "cancel") * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_job_sweep_and_buyer_cancel_racing_return_stock_once(app, make):
    """Ten rounds of six racing actors: each order is cancelled once and its
    stock comes back once."""
    cancelled = []

    events.subscribe(events.Handler(events.OrderCancelled, "test.cancelled",
                                    lambda _s, e: cancelled.append(e.order_id)))
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=[(1200, 50)])
    headers = make.login("alice")
    for round_ in range(10):
        resp = app.test_client().post("/mp/v1/orders", headers=headers,
                                      json={"lines": [{"sku_id": sku, "quantity": 5}]})
        assert stock_of(sku) == 45
        clock.advance(timedelta(minutes=15))
        outcomes = _race_to_cancel(app, resp.json["id"], headers)
        assert sorted(outcomes) == [False] * 5 + [True], (round_, outcomes)
        assert stock_of(sku) == 50
    drain_events()
    assert len(cancelled) == 10 and len(set(cancelled)) == 10


def test_buyer_cancel_after_timeout_is_refused(app, make, client):
    order_id, sku, headers = _order(app, make)
    clock.advance(timedelta(minutes=15))
    jobs.expire_unpaid(order_id)
    resp = client.post(f"/mp/v1/orders/{order_id}/cancel", headers=headers)
    assert resp.status_code == 409
    assert resp.json["error"]["code"] == "illegal_transition"
    assert resp.json["error"]["details"] == {"status": "cancelled", "target": "cancelled"}
    assert stock_of(sku) == 10


def test_a_real_worker_runs_the_expiry_job(app, make):
    """The job runs inside RQ's worker (burst mode) with the app context."""
    order_id, sku, _ = _order(app, make)
    clock.advance(timedelta(minutes=16))
    queues = app.extensions["mall.queues"]
    enqueue(None, "app.orders.jobs.expire_unpaid", order_id, queue="orders",
            job_id="test-expire")
    worker = SimpleWorker([queues.get("orders")], connection=queues.connection)
    assert worker.work(burst=True) is True
    job = queues.get("orders").fetch_job("test-expire")
    assert job.is_finished and job.return_value() is True
    assert _status(order_id) == "cancelled"
    assert stock_of(sku) == 10


def test_paid_order_is_not_expired(app, make):
    order_id, sku, _ = _order(app, make)
    with transaction() as s:
        assert service.mark_paid(s, order_id=order_id, now=clock.now()) is True
    clock.advance(timedelta(hours=1))
    assert jobs.expire_unpaid(order_id) is False
    assert _status(order_id) == "to_ship"
    assert stock_of(sku) == 7


def test_order_stands_when_the_job_queue_is_down(app, make, monkeypatch):
    """Enqueueing the timer after the commit fails (no Redis there): the buyer
    still gets 201, not a 500 that would make them retry and buy twice; the
    sweep expires the order later all the same."""
    from app.queue import Queues

    monkeypatch.setitem(app.extensions, "mall.queues", Queues("redis://127.0.0.1:1/0"))
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=[(1200, 5)])
    resp = app.test_client().post("/mp/v1/orders", headers=make.login("alice"),
                                  json={"lines": [{"sku_id": sku, "quantity": 2}]})
    assert resp.status_code == 201
    assert stock_of(sku) == 3
    clock.advance(timedelta(minutes=15))
    assert jobs.sweep() == {"expired": 1, "received": 0, "completed": 0}
    assert _status(resp.json["id"]) == "cancelled"
    assert stock_of(sku) == 5
