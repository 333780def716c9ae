"""Opening and joining: seats held at order creation, confirmed at payment,
released once; clear codes for every refusal; Redis given back on failure."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.db import transaction
from app.orders import jobs as order_jobs
from app.orders.models import Order
from groupbuy import keys
from groupbuy.models import Group, GroupMember
from tests import redis_keys
from tests.conftest import count, stock_of
from tests.groupbuy.conftest import group_activity, join, open_group, pay_direct


@pytest.fixture
def gshop(client, shop):
    shop.group_activity_id = group_activity(client, shop, leader_discount_fen=100)
    return shop


def test_open_group_holds_the_leaders_seat_at_the_leader_price(client, redis, gshop, buyers):
    (leader,) = buyers.make(1)
    resp = open_group(client, gshop, buyers.headers(leader))
    assert resp.status_code == 201, resp.json
    group, order = resp.json["group"], resp.json["order"]
    assert (group["size"], group["seats_left"], group["status"]) == (3, 2, "open")
    assert (order["kind"], order["status"], order["total_fen"]) == ("groupbuy",
                                                                    "pending_payment", 700)
    meta, held, paid = keys.group(group["id"])
    assert list(redis.hgetall(held)) == [str(leader)]
    assert redis.hlen(paid) == 0
    assert stock_of(gshop.sku_id) == 4999


def test_join_own_group_twice_is_already_in_group(client, gshop, buyers):
    leader, friend = buyers.make(2)
    gid = open_group(client, gshop, buyers.headers(leader)).json["group"]["id"]
    resp = join(client, gid, buyers.headers(leader))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "already_in_group")
    assert join(client, gid, buyers.headers(friend)).status_code == 201
    resp = join(client, gid, buyers.headers(friend))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "already_in_group")
    assert count(Order) == 2


def test_new_users_only_refuses_an_old_customer(client, redis, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, new_users_only=True)
    leader, old, new = buyers.make(3)
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    resp = client.post("/mp/v1/orders", headers=buyers.headers(old),
                       json={"lines": [{"sku_id": shop.sku_id, "quantity": 1}]})
    assert pay_direct(resp.json["id"])
    resp = join(client, gid, buyers.headers(old))
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "new_users_only")
    assert redis.hkeys(keys.group(gid)[1]) == [str(leader)]  # the seat it took came back
    assert join(client, gid, buyers.headers(new)).status_code == 201


def test_group_full_when_seats_are_held(client, gshop, buyers):
    leader, a, b, c = buyers.make(4)
    gid = open_group(client, gshop, buyers.headers(leader)).json["group"]["id"]
    assert join(client, gid, buyers.headers(a)).status_code == 201
    assert join(client, gid, buyers.headers(b)).status_code == 201
    resp = join(client, gid, buyers.headers(c))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "group_full")
    assert count(Order) == 3
    assert stock_of(gshop.sku_id) == 4997


def test_per_user_limit_counts_seats_across_groups(client, gshop, buyers):
    l1, l2, joiner = buyers.make(3)
    g1 = open_group(client, gshop, buyers.headers(l1)).json["group"]["id"]
    g2 = open_group(client, gshop, buyers.headers(l2)).json["group"]["id"]
    assert join(client, g1, buyers.headers(joiner)).status_code == 201
    resp = join(client, g2, buyers.headers(joiner))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "group_limit_reached")


def test_unpaid_seat_is_released_once_and_taken_again(client, app, redis, gshop, buyers):
    leader, a, b, c = buyers.make(4)
    gid = open_group(client, gshop, buyers.headers(leader)).json["group"]["id"]
    oid = join(client, gid, buyers.headers(a)).json["order"]["id"]
    assert join(client, gid, buyers.headers(b)).status_code == 201
    clock.advance(timedelta(minutes=16))
    assert order_jobs.expire_unpaid(oid) is True
    assert order_jobs.expire_unpaid(oid) is False
    _, held, _ = keys.group(gid)
    assert sorted(redis.hkeys(held)) == sorted([str(leader), str(b)])
    with transaction() as s:
        member = s.scalar(select(GroupMember).where(GroupMember.order_id == oid))
        assert member.status == "released"
    assert join(client, gid, buyers.headers(c)).status_code == 201


def test_leader_seat_released_passes_the_lead(client, gshop, buyers):
    leader, a = buyers.make(2)
    resp = open_group(client, gshop, buyers.headers(leader))
    gid, leader_order = resp.json["group"]["id"], resp.json["order"]["id"]
    assert join(client, gid, buyers.headers(a)).status_code == 201
    resp = client.post(f"/mp/v1/orders/{leader_order}/cancel", headers=buyers.headers(leader))
    assert resp.status_code == 200
    with transaction() as s:
        assert s.get(Group, gid).leader_id == a


def test_failed_transaction_gives_the_seat_back(client, redis, gshop, buyers, monkeypatch):
    """Redis took the seat, then the batch's write failed: the buyer is told
    to try again (503) and the seat is free again."""
    leader, a = buyers.make(2)
    gid = open_group(client, gshop, buyers.headers(leader)).json["group"]["id"]
    from app.orders import batch

    def broken(*_a, **_kw):
        raise RuntimeError("database went away")
    monkeypatch.setattr(batch, "write_priced", broken)
    resp = join(client, gid, buyers.headers(a))
    assert (resp.status_code, resp.json["error"]["code"]) == (503, "state_unavailable")
    _, held, paid = keys.group(gid)
    assert redis.hkeys(held) == [str(leader)]
    monkeypatch.undo()
    assert join(client, gid, buyers.headers(a)).status_code == 201


def test_failed_opening_leaves_no_group_state(client, redis, gshop, buyers, monkeypatch):
    (leader,) = buyers.make(1)
    from app.orders import service

    monkeypatch.setattr(service, "create_order",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    assert open_group(client, gshop, buyers.headers(leader)).status_code == 500
    assert count(Group) == 0
    assert [k for k in redis_keys.matching(redis, "{gb:*")] == []


def test_unknown_sku_and_inactive_activity(client, gshop, buyers):
    (leader,) = buyers.make(1)
    resp = client.post(f"/mp/v1/group-activities/{gshop.group_activity_id}/groups",
                       json={"sku_id": 999_999}, headers=buyers.headers(leader))
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "sku_not_in_activity")
    clock.advance(timedelta(days=4))
    resp = open_group(client, gshop, buyers.headers(leader))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "activity_ended")


def test_join_after_expiry_is_group_expired(client, gshop, buyers):
    leader, a = buyers.make(2)
    gid = open_group(client, gshop, buyers.headers(leader)).json["group"]["id"]
    clock.advance(timedelta(hours=24))
    resp = join(client, gid, buyers.headers(a))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "group_expired")


def test_seats_come_back_after_redis_loses_them(client, redis, gshop, buyers):
    leader, a, b, c = buyers.make(4)
    gid = open_group(client, gshop, buyers.headers(leader)).json["group"]["id"]
    oid = join(client, gid, buyers.headers(a)).json["order"]["id"]
    assert pay_direct(oid)
    redis.flushdb()
    assert join(client, gid, buyers.headers(b)).status_code == 201
    resp = join(client, gid, buyers.headers(c))
    assert resp.json["error"]["code"] == "group_full"
    _, held, paid = keys.group(gid)
    assert sorted(redis.hkeys(held)) == sorted([str(leader), str(b)])
    assert redis.hkeys(paid) == [str(a)]


def test_orders_written_match_the_members(client, gshop, buyers):
    leader, a = buyers.make(2)
    gid = open_group(client, gshop, buyers.headers(leader)).json["group"]["id"]
    join(client, gid, buyers.headers(a))
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(GroupMember)) == 2
        assert s.scalar(select(func.count()).select_from(Order)
                        .where(Order.kind == "groupbuy")) == 2
