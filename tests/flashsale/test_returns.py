"""Unpaid flash orders give their units back exactly once; a payment that
comes after the units were resold is refunded, never oversold."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.db import transaction
from app.orders import jobs as order_jobs
from app.orders.models import Order
from app.payments.models import Refund
from flashsale import jobs, recovery
from tests.conftest import T0, stock_of
from tests.flashsale.conftest import db_state, grab, grab_token, post_notice, remaining

PAST_DEADLINE = T0 + timedelta(minutes=5)


def _won(client, make, s, name: str, quantity: int = 1) -> tuple[int, dict]:
    headers = make.login(name)
    resp = grab(client, s, headers, grab_token(client, s, headers), quantity=quantity)
    assert resp.status_code == 201, resp.json
    return resp.json["order_id"], headers


def _status(order_id: int) -> str:
    with transaction() as s:
        return s.get(Order, order_id).status


def test_unpaid_flash_order_returns_its_units_after_5_minutes(app, client, make, sale):
    s = sale(quota=10, per_user_limit=2, per_order_limit=2)
    order_id, alice = _won(client, make, s, "alice", quantity=2)
    clock.freeze(PAST_DEADLINE - timedelta(seconds=1))
    assert order_jobs.expire_unpaid(order_id) is False
    clock.freeze(PAST_DEADLINE)
    assert order_jobs.expire_unpaid(order_id) is True
    assert _status(order_id) == "cancelled"
    assert remaining(app, s) == 10
    assert db_state(s) == {"sold": 0, "quota": 10, "held": 0, "paid": 0, "returned": 2,
                           "orders": 1}
    assert stock_of(s.sku_id) == 990  # the units went back to the sale, not the SKU
    assert app.extensions["flashsale"].engine.read(s.id).users == {}
    resp = grab(client, s, alice, grab_token(client, s, alice), quantity=2)
    assert resp.status_code == 201  # her limit came back with her units


def test_timeout_job_and_sweep_racing_return_the_units_once(app, client, make, sale):
    s = sale(quota=3)
    order_id, _ = _won(client, make, s, "alice")
    _won(client, make, s, "bob")
    clock.freeze(PAST_DEADLINE)
    answers, start = [], threading.Barrier(8)

    def race(job):
        with app.app_context():
            start.wait()
            answers.append(job())

    jobs = [lambda: order_jobs.expire_unpaid(order_id), order_jobs.sweep] * 4
    threads = [threading.Thread(target=race, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expired = [a for a in answers if a is True] + \
        [a["expired"] for a in answers if isinstance(a, dict) and a["expired"]]
    assert sum(expired) == 2  # alice's and bob's orders, each once
    assert remaining(app, s) == 3
    assert db_state(s) == {"sold": 0, "quota": 3, "held": 0, "paid": 0, "returned": 2,
                           "orders": 2}


def test_paid_in_time_keeps_the_units(app, client, make, sale, sandbox):
    s = sale(quota=2)
    order_id, alice = _won(client, make, s, "alice")
    trade = client.post(f"/mp/v1/orders/{order_id}/pay", headers=alice).json
    headers, body = sandbox.notice(sandbox.pay(trade["out_trade_no"], clock.now()), clock.now())
    assert post_notice(client, headers, body).status_code == 204
    assert _status(order_id) == "to_ship"
    assert db_state(s) == {"sold": 1, "quota": 2, "held": 0, "paid": 1, "returned": 0,
                           "orders": 1}
    clock.freeze(PAST_DEADLINE)
    assert order_jobs.sweep()["expired"] == 0
    assert remaining(app, s) == 1


def test_payment_after_the_units_were_resold_is_refunded(app, client, make, sale, sandbox):
    s = sale(quota=1)
    order_id, alice = _won(client, make, s, "alice")
    trade = client.post(f"/mp/v1/orders/{order_id}/pay", headers=alice).json
    clock.freeze(PAST_DEADLINE)
    assert order_jobs.expire_unpaid(order_id)
    bobs_order, _ = _won(client, make, s, "bob")  # the unit was sold again
    paid = sandbox.pay(trade["out_trade_no"], clock.now())
    headers, body = sandbox.notice(paid, clock.now())
    assert post_notice(client, headers, body).status_code == 204
    assert _status(order_id) == "cancelled"
    with transaction() as session:
        refunds = list(session.scalars(select(Refund)))
    assert [(r.order_id, r.amount_fen, r.kind) for r in refunds] == \
        [(order_id, 500, "late_payment")]
    assert db_state(s) == {"sold": 1, "quota": 1, "held": 1, "paid": 0, "returned": 1,
                           "orders": 2}
    assert _status(bobs_order) == "pending_payment"
    assert remaining(app, s) == 0


def test_units_of_an_order_cancelled_after_the_sale_settled_go_to_the_sku(app, client, make,
                                                                          sale):
    s = sale(quota=5, stock=5, ends_at=(T0 + timedelta(minutes=2)).isoformat())
    order_id, _ = _won(client, make, s, "alice")
    clock.freeze(T0 + timedelta(minutes=2))
    assert recovery.sweep() == {s.id: {"settled": 4}}
    assert stock_of(s.sku_id) == 4
    clock.freeze(PAST_DEADLINE)
    assert order_jobs.expire_unpaid(order_id)
    assert stock_of(s.sku_id) == 5
    assert db_state(s)["sold"] == 0
    assert recovery.sweep() == {}  # settled once


def test_a_sale_gets_one_expiry_timer_per_deadline_second_whatever_the_batches(
        app, client, make, sale):
    from rq.registry import ScheduledJobRegistry

    s = sale(quota=3)
    first, _ = _won(client, make, s, "alice")
    second, _ = _won(client, make, s, "bob")  # another batch, the same deadline second
    queue = app.extensions["mall.queues"].get("promotions")
    registry = ScheduledJobRegistry(queue=queue)
    at = int(PAST_DEADLINE.timestamp())
    timers = [j for j in registry.get_job_ids() if j.startswith("fs-expire-")]
    assert timers == [f"fs-expire-{s.id}-{at}"]
    job = queue.fetch_job(timers[0])
    assert (job.func_name, job.args) == ("flashsale.jobs.expire_due", (s.id, at))
    assert registry.get_scheduled_time(job).replace(tzinfo=None) == \
        PAST_DEADLINE.replace(tzinfo=None)
    assert jobs.expire_due(s.id, at - 1) == 0  # not yet due
    clock.freeze(PAST_DEADLINE)
    assert jobs.expire_due(s.id, at) == 2
    assert jobs.expire_due(s.id, at) == 0  # once
    with transaction() as session:
        assert [session.get(Order, o).status for o in (first, second)] == \
            ["cancelled", "cancelled"]
    assert remaining(app, s) == 3
