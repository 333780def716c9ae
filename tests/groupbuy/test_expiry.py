"""Expiry short of N: each paid member refunded through the payments refund
path exactly once, however often the job and the sweep run, and however
they race; a late payment into an expired group is refunded."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.db import transaction
from app.orders.models import Order
from app.payments.models import Payment, Refund
from groupbuy import jobs
from groupbuy.models import Group, GroupMember
from tests.groupbuy.conftest import group_activity, join, open_group, run_jobs


@pytest.fixture
def gshop(client, shop):
    # the group expires (10 min) before its orders' payment window closes (15 min)
    shop.group_activity_id = group_activity(client, shop, group_size=4, validity_s=600)
    return shop


def _refunds(order_id):
    with transaction() as s:
        return s.execute(select(Refund.refund_key, Refund.amount_fen, Refund.status)
                         .where(Refund.order_id == order_id)).all()


def _race(app, *steps):
    errors = []

    def run(step):
        try:
            with app.app_context():
                step()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_expiry_job_twice_alongside_the_sweep_refunds_each_member_once(
        client, app, gshop, buyers, pay, told):
    leader, a, b = buyers.make(3)
    resp = open_group(client, gshop, buyers.headers(leader))
    gid, o_leader = resp.json["group"]["id"], resp.json["order"]["id"]
    o_a = join(client, gid, buyers.headers(a)).json["order"]["id"]
    clock.advance(timedelta(minutes=5))
    o_b = join(client, gid, buyers.headers(b)).json["order"]["id"]
    pay(o_leader, buyers.headers(leader))
    pay(o_a, buyers.headers(a))
    clock.advance(timedelta(minutes=6))  # the group has expired; b's order may still be paid

    _race(app, lambda: jobs.expire(gid), lambda: jobs.expire(gid), jobs.sweep)
    _race(app, lambda: jobs.expire(gid), jobs.sweep)
    run_jobs(app, "payments")
    for oid in (o_leader, o_a):
        assert _refunds(oid) == [(f"gb-{gid}-{oid}", 800, "succeeded")]
    with transaction() as s:
        assert s.get(Group, gid).status == "failed"
        assert [s.get(Order, i).status for i in (o_leader, o_a, o_b)] == \
            ["refunded", "refunded", "pending_payment"]
        assert s.scalar(select(func.sum(Payment.refunded_fen))) == 1600
    assert sorted(t[0] for t in told if t[1] == "group_failed") == sorted([leader, a])

    # b pays late, into the expired group: refunded too, once
    pay(o_b, buyers.headers(b))
    run_jobs(app, "promotions")
    jobs.sweep()
    run_jobs(app, "payments")
    assert _refunds(o_b) == [(f"gb-{gid}-{o_b}", 800, "succeeded")]
    jobs.expire(gid)
    jobs.sweep()
    with transaction() as s:
        assert s.get(Order, o_b).status == "refunded"
        assert s.scalar(select(func.count()).select_from(Refund)) == 3
        statuses = s.scalars(select(GroupMember.status).where(GroupMember.group_id == gid)
                             .order_by(GroupMember.id)).all()
        assert statuses == ["refunded"] * 3


def test_sweep_alone_catches_a_lost_expiry_job(client, app, gshop, buyers, pay):
    leader, a = buyers.make(2)
    resp = open_group(client, gshop, buyers.headers(leader))
    gid, o_leader = resp.json["group"]["id"], resp.json["order"]["id"]
    pay(o_leader, buyers.headers(leader))
    join(client, gid, buyers.headers(a))
    clock.advance(timedelta(minutes=9))
    assert jobs.sweep() == {"groups": 0, "refunds": 0}
    clock.advance(timedelta(minutes=2))
    assert jobs.sweep() == {"groups": 1, "refunds": 0}  # the expire step sent it
    run_jobs(app, "payments")
    assert _refunds(o_leader) == [(f"gb-{gid}-{o_leader}", 800, "succeeded")]
    assert jobs.sweep() == {"groups": 0, "refunds": 0}


def test_refund_jobs_are_one_per_member(client, app, gshop, buyers, pay):
    """One transaction per member: a member whose refund fails does not
    hold back the others, and is tried again by the sweep."""
    leader, a = buyers.make(2)
    resp = open_group(client, gshop, buyers.headers(leader))
    gid, o_leader = resp.json["group"]["id"], resp.json["order"]["id"]
    o_a = join(client, gid, buyers.headers(a)).json["order"]["id"]
    pay(o_leader, buyers.headers(leader))
    pay(o_a, buyers.headers(a))
    clock.advance(timedelta(minutes=11))
    from groupbuy import closing

    real = closing.refund_member
    calls = []

    def flaky(session, order_id, now):
        calls.append(order_id)
        if order_id == o_leader and calls.count(o_leader) == 1:
            raise RuntimeError("provider down")
        return real(session, order_id, now)
    closing.refund_member = flaky
    try:
        assert jobs.expire(gid) == "failed"
    finally:
        closing.refund_member = real
    assert (len(_refunds(o_leader)), len(_refunds(o_a))) == (0, 1)
    assert jobs.sweep()["refunds"] == 1
    run_jobs(app, "payments")
    assert len(_refunds(o_leader)) == 1 and len(_refunds(o_a)) == 1
