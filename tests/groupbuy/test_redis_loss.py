"""Redis emptied just before a call: the call succeeds (the one object's
state is healed from the database) or answers a stable code, never a 500;
then the flow runs to its end and nothing is lost or doubled."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.db import transaction
from app.orders.models import Order
from groupbuy import keys
from groupbuy.models import Bargain, BargainHelp, Group, GroupMember
from tests.conftest import stock_of
from tests.groupbuy.conftest import bargain_activity, group_activity, join, open_group, pay_direct


def _members(gid: int) -> list[tuple[int, str]]:
    with transaction() as s:
        return list(s.execute(select(GroupMember.user_id, GroupMember.status)
                              .where(GroupMember.group_id == gid).order_by(GroupMember.id)))


def test_open_group_right_after_a_flush_then_the_group_completes(client, redis, shop,
                                                                  buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=2)
    leader, friend = buyers.make(2)
    redis.flushall()
    resp = open_group(client, shop, buyers.headers(leader))
    assert resp.status_code == 201, resp.json
    gid, lead_order = resp.json["group"]["id"], resp.json["order"]["id"]
    redis.flushall()
    joined = join(client, gid, buyers.headers(friend))
    assert joined.status_code == 201, joined.json
    redis.flushall()
    assert pay_direct(lead_order)
    redis.flushall()
    assert pay_direct(joined.json["order"]["id"])
    with transaction() as s:
        group = s.get(Group, gid)
        assert (group.status, group.paid_count) == ("completed", 2)
    assert _members(gid) == [(leader, "done"), (friend, "done")]
    assert stock_of(shop.sku_id) == 4998


def test_join_after_a_flush_never_overfills(client, redis, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=3)
    leader, a, b, c = buyers.make(4)
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    assert join(client, gid, buyers.headers(a)).status_code == 201
    redis.flushall()
    assert join(client, gid, buyers.headers(b)).status_code == 201
    redis.flushall()
    resp = join(client, gid, buyers.headers(c))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "group_full")
    assert [uid for uid, _ in _members(gid)] == [leader, a, b]
    _, held, paid = keys.group(gid)
    assert (redis.hlen(held), redis.hlen(paid)) == (3, 0)
    assert stock_of(shop.sku_id) == 4997


def test_join_of_an_ended_activitys_group_is_activity_ended(client, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=3)
    leader, late = buyers.make(2)
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    clock.advance(timedelta(days=3, hours=1))
    resp = join(client, gid, buyers.headers(late))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "activity_ended")


def test_help_after_a_flush_then_the_bargain_reaches_its_floor_exactly(client, redis, shop,
                                                                        buyers):
    shop.bargain_activity_id = bargain_activity(client, shop, helpers_needed=4,
                                                start_price_fen=1000, floor_price_fen=200)
    starter, *helpers = buyers.make(5)
    bid = client.post(f"/mp/v1/bargain-activities/{shop.bargain_activity_id}/bargains",
                      headers=buyers.headers(starter)).json["id"]
    cuts = []
    for helper in helpers:
        redis.flushall()
        resp = client.post(f"/mp/v1/bargains/{bid}/helps", headers=buyers.headers(helper))
        assert resp.status_code == 201, resp.json
        cuts.append(resp.json["cut_fen"])
    with transaction() as s:
        bargain = s.get(Bargain, bid)
        drawn = [int(c) for c in bargain.cuts.split(",")]
        taken = s.scalar(select(func.sum(BargainHelp.cut_fen))
                         .where(BargainHelp.bargain_id == bid))
        assert (bargain.price_fen, bargain.helps_count, taken) == (200, 4, 800)
    assert cuts == drawn
    redis.flushall()
    resp = client.post(f"/mp/v1/bargains/{bid}/buy", headers=buyers.headers(starter))
    assert resp.status_code == 201, resp.json
    with transaction() as s:
        assert s.get(Order, resp.json["order"]["id"]).total_fen == 200
