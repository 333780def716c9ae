"""Completion once, members told; leader refunds pass the lead; virtual
completion at the threshold, marked; the staff's view and success rate."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.db import transaction
from app.orders.models import Order
from app.payments.models import Refund
from groupbuy import jobs, keys
from groupbuy.models import Group, GroupMember
from tests.groupbuy.conftest import group_activity, join, open_group, pay_direct, run_jobs


@pytest.fixture
def gshop(client, shop):
    shop.group_activity_id = group_activity(client, shop, virtual_pct=60)
    return shop


def _fill(client, shop, buyers, n_joiners=2):
    users = buyers.make(1 + n_joiners)
    resp = open_group(client, shop, buyers.headers(users[0]))
    gid, order_ids = resp.json["group"]["id"], [resp.json["order"]["id"]]
    for uid in users[1:]:
        order_ids.append(join(client, gid, buyers.headers(uid)).json["order"]["id"])
    return gid, users, order_ids


def _statuses(order_ids):
    with transaction() as s:
        return [s.get(Order, i).status for i in order_ids]


def test_group_completes_once_when_n_members_have_paid(client, gshop, buyers, told):
    gid, users, order_ids = _fill(client, gshop, buyers)
    assert pay_direct(order_ids[0]) and pay_direct(order_ids[1])
    assert _statuses(order_ids) == ["grouping", "grouping", "pending_payment"]
    assert told == []
    assert pay_direct(order_ids[2])
    assert _statuses(order_ids) == ["to_ship"] * 3
    with transaction() as s:
        group = s.get(Group, gid)
        assert (group.status, group.paid_count, group.virtual) == ("completed", 3, False)
    data = {"group_id": gid, "status": "completed", "virtual": False}
    assert sorted(told, key=lambda t: t[0]) == [(u, "group_completed", data) for u in users]
    assert jobs.expire(gid) == "not_due"
    clock.advance(timedelta(days=2))
    assert jobs.expire(gid) == "not_due"
    assert len(told) == 3


def test_members_get_a_socket_event_in_their_own_room(client, gshop, buyers, monkeypatch):
    from groupbuy import notify

    emitted = []
    monkeypatch.setattr(notify.socketio, "emit",
                        lambda event, data, to: emitted.append((event, to, data["status"])))
    gid, users, order_ids = _fill(client, gshop, buyers)
    for oid in order_ids:
        pay_direct(oid)
    assert sorted(emitted) == sorted(("group_completed", f"user:{u}", "completed")
                                     for u in users)


def test_leader_refund_before_completion_passes_the_lead(client, app, gshop, buyers, pay):
    gid, users, order_ids = _fill(client, gshop, buyers)
    pay(order_ids[0], buyers.headers(users[0]))
    pay(order_ids[1], buyers.headers(users[1]))
    with transaction() as s:
        expires = s.get(Group, gid).expires_at
        line_id = s.get(Order, order_ids[0]).lines[0].id
    resp = client.post(f"/api/v1/merchants/{gshop.merchant_id}/orders/{order_ids[0]}/refunds",
                       headers=gshop.owner, json={"refund_id": "leader-out",
                                                  "lines": [{"line_id": line_id,
                                                             "quantity": 1}]})
    assert resp.status_code == 201, resp.json
    run_jobs(app, "payments")
    with transaction() as s:
        group = s.get(Group, gid)
        assert (group.leader_id, group.paid_count, group.expires_at) == (users[1], 1, expires)
        leaders = s.scalars(select(GroupMember.user_id).where(GroupMember.group_id == gid,
                                                              GroupMember.is_leader)).all()
        assert leaders == [users[1]]
    # the refunded leader's seat is free: the group is not full with 2 seated
    resp = client.get(f"/mp/v1/groups/{gid}")
    assert (resp.json["seats_left"], resp.json["leader_id"]) == (1, users[1])
    (late,) = buyers.make(1, "late")
    assert join(client, gid, buyers.headers(late)).status_code == 201


def test_virtual_completion_at_the_threshold_is_marked(client, app, gshop, buyers, told):
    gid, users, order_ids = _fill(client, gshop, buyers)
    pay_direct(order_ids[0])
    pay_direct(order_ids[1])
    clock.advance(timedelta(hours=24))
    assert jobs.expire(gid) == "virtual"
    with transaction() as s:
        group = s.get(Group, gid)
        assert (group.status, group.virtual, group.paid_count) == ("completed", True, 2)
        assert s.query(GroupMember).filter_by(group_id=gid).count() == 3  # no fake member
    assert _statuses(order_ids) == ["to_ship", "to_ship", "pending_payment"]
    assert {t[2]["virtual"] for t in told} == {True}
    assert sorted(t[0] for t in told) == sorted(users[:2])
    assert client.get(f"/mp/v1/groups/{gid}").json["virtual"] is True


def test_below_threshold_fails_and_staff_see_the_success_rate(client, app, gshop, buyers,
                                                              pay):
    g1, _, o1 = _fill(client, gshop, buyers)
    for oid in o1:
        pay_direct(oid)
    g2, u2, o2 = _fill(client, gshop, buyers)
    pay(o2[0], buyers.headers(u2[0]))
    clock.advance(timedelta(hours=24))
    assert jobs.expire(g2) == "failed"
    base = f"/api/v1/merchants/{gshop.merchant_id}/group-activities/{gshop.group_activity_id}"
    stats = client.get(f"{base}/stats", headers=gshop.owner).json
    assert stats == {"open": 0, "completed": 1, "failed": 1, "virtual": 0,
                     "success_rate_bps": 5000}
    page = client.get(f"{base}/groups?status=failed", headers=gshop.owner).json
    assert [g["id"] for g in page["items"]] == [g2]
    with transaction() as s:
        assert s.query(Refund).count() == 1


def test_redis_state_closed_after_completion(client, redis, gshop, buyers):
    gid, users, order_ids = _fill(client, gshop, buyers)
    for oid in order_ids:
        pay_direct(oid)
    meta, _, _ = keys.group(gid)
    assert redis.hget(meta, "state") == "completed"


def test_staff_manage_activities(client, shop, buyers, make):
    gact = group_activity(client, shop)
    base = f"/api/v1/merchants/{shop.merchant_id}"
    listed = client.get(f"{base}/group-activities", headers=shop.owner).json
    assert ([a["id"] for a in listed["items"]], listed["meta"]["total"]) == ([gact], 1)
    resp = client.patch(f"{base}/group-activities/{gact}", headers=shop.owner,
                        json={"status": "disabled"})
    assert (resp.status_code, resp.json["status"]) == (200, "disabled")
    (leader,) = buyers.make(1)
    shop.group_activity_id = gact
    resp = open_group(client, shop, buyers.headers(leader))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "activity_not_active")
    resp = client.get(f"{base}/group-activities", headers=make.login("alice"))
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
