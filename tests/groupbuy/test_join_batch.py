"""Joins written a batch at a time (groupbuy/joins.py) through the join's
lean path (miniprogram_api/join_path.py): the lean path answers as the Flask
view does, and racing joins keep every rule: a group never over-filled, one
buyer racing several groups seated exactly up to the per-user limit, an old
customer never seated in a new-users-only activity."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta

from rq.registry import ScheduledJobRegistry
from sqlalchemy import func, select, update
from werkzeug.test import EnvironBuilder, run_wsgi_app

from app import clock
from app.catalog.models import Sku
from app.db import transaction
from app.orders.models import Order
from groupbuy import jobs, keys
from groupbuy.models import GroupMember
from miniprogram_api.join_path import LeanJoin
from tests.conftest import stock_of
from tests.flashsale.test_lean_path import flask_requests
from tests.groupbuy.conftest import group_activity, join, open_group, pay_direct
from tests.groupbuy.test_race import _race


def _behind(app):
    layer = app.wsgi_app
    while not isinstance(layer, LeanJoin):
        layer = layer.wrapped
    return layer.wrapped


def _through_flask(app, path: str, headers: dict):
    environ = EnvironBuilder(path=path, method="POST", headers=headers).get_environ()
    with flask_requests(app) as seen:
        out, status, head = run_wsgi_app(_behind(app), environ, buffered=True)
    assert seen, "the request did not reach Flask"
    return int(status.split()[0]), json.loads(b"".join(out)), head.get("Content-Type")


def _blank(body: dict) -> dict:
    """A SeatOut with what differs between two buyers' seats set aside."""
    lines = [{k: v for k, v in line.items() if k not in ("id", "order_id")}
             for line in body["order"]["lines"]]
    order = {**body["order"], "id": 0, "buyer_id": 0, "lines": lines}
    group = {**body["group"], "seats_left": 0, "members": []}
    return {"group": group, "order": order}


def test_the_lean_join_answers_as_the_view(app, client, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=5)
    leader, a, b = buyers.make(3)
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    with flask_requests(app) as seen:
        lean = join(client, gid, buyers.headers(a))
        assert seen == []  # served before Flask
    status, view, ctype = _through_flask(app, f"/mp/v1/groups/{gid}/join", buyers.headers(b))
    assert (lean.status_code, status) == (201, 201)
    assert lean.headers["Content-Type"] == ctype == "application/json"
    assert (lean.json["group"]["seats_left"], view["group"]["seats_left"]) == (3, 2)
    assert lean.json["group"]["members"] == view["group"]["members"]  # paid members: none yet
    assert set(lean.json["order"]) == set(view["order"])
    assert _blank(lean.json) == _blank(view)
    assert lean.json["order"]["total_fen"] == view["order"]["total_fen"]
    assert lean.json["order"]["status"] == view["order"]["status"] == "pending_payment"


def test_the_lean_join_refuses_as_the_view(app, client, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=2)
    leader, a, b = buyers.make(3)
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    assert join(client, gid, buyers.headers(a)).status_code == 201
    for path in (f"/mp/v1/groups/{gid}/join", "/mp/v1/groups/999999/join"):
        lean = join(client, int(path.split("/")[4]), buyers.headers(b))
        status, view, _ = _through_flask(app, path, buyers.headers(b))
        assert (lean.status_code, lean.json) == (status, view)
    assert view["error"]["code"] == "group_not_found"
    again = join(client, gid, buyers.headers(leader))
    assert (again.status_code, again.json["error"]["code"]) == (409, "already_in_group")


def test_a_buyer_racing_five_groups_is_seated_up_to_the_limit(app, client, redis, shop,
                                                              buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=3, per_user_limit=2)
    leaders = buyers.make(5, "leader")
    gids = [open_group(client, shop, buyers.headers(u)).json["group"]["id"] for u in leaders]
    (racer,) = buyers.make(1, "racer")
    answers = _race(app, lambda c, gid: join(c, gid, buyers.headers(racer)).status_code,
                    gids * 4, workers=10)
    assert sorted(answers).count(201) == 2
    assert set(answers) == {201, 409}
    with transaction() as s:
        seated = s.scalar(select(func.count()).select_from(GroupMember)
                          .where(GroupMember.user_id == racer))
    held = sum(redis.hexists(keys.group(g)[1], racer) for g in gids)
    assert (seated, held) == (2, 2)


def test_old_customers_racing_a_new_users_only_group_are_refused(app, client, redis, shop,
                                                                 buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=10,
                                            new_users_only=True)
    (leader,) = buyers.make(1, "leader")
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    old = buyers.make(4, "old")
    other = group_activity(client, shop, group_size=10)
    for uid in old:  # each has paid an order before
        assert pay_direct(open_group(client, shop, buyers.headers(uid), other)
                          .json["order"]["id"])
    new = buyers.make(4, "new")
    answers = _race(app, lambda c, uid: (uid, join(c, gid, buyers.headers(uid)).status_code),
                    old + new, workers=8)
    assert sorted(answers) == sorted([(u, 403) for u in old] + [(u, 201) for u in new])
    assert sorted(int(u) for u in redis.hkeys(keys.group(gid)[1])) == sorted([leader, *new])


def test_many_buyers_racing_one_group_never_over_fill_it(app, client, redis, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=4)
    (leader,) = buyers.make(1, "leader")
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    racers = buyers.make(24, "racer")
    answers = _race(app, lambda c, uid: join(c, gid, buyers.headers(uid)).status_code,
                    racers, workers=24)
    assert sorted(answers) == [201] * 3 + [409] * 21
    with transaction() as s:
        members = s.scalar(select(func.count()).select_from(GroupMember)
                           .where(GroupMember.group_id == gid))
    assert (members, redis.hlen(keys.group(gid)[1])) == (4, 4)


def test_racing_joins_past_the_sku_stock_sell_only_what_is_left(app, client, redis, shop,
                                                                buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=5)
    leaders = buyers.make(4, "leader")
    gids = [open_group(client, shop, buyers.headers(u)).json["group"]["id"] for u in leaders]
    with transaction() as s:
        s.execute(update(Sku).where(Sku.id == shop.sku_id).values(stock=3))
    racers = buyers.make(12, "racer")
    answers = _race(app, lambda c, uid: join(c, gids[uid % 4], buyers.headers(uid)),
                    racers, workers=12)
    codes = sorted("201" if r.status_code == 201 else r.json["error"]["code"]
                   for r in answers)
    assert codes == ["201"] * 3 + ["out_of_stock"] * 9
    assert stock_of(shop.sku_id) == 0
    with transaction() as s:
        joined = s.scalar(select(func.count()).select_from(GroupMember)
                          .where(GroupMember.is_leader.is_(False)))
    held = sum(redis.hlen(keys.group(g)[1]) for g in gids)
    assert (joined, held) == (3, 4 + 3)  # refused seats given back in Redis


def test_joined_orders_expire_by_one_timer_per_deadline_second(app, client, redis, shop,
                                                               buyers):
    """No timer per order: one job per deadline second cancels every seat's
    order still unpaid by then (its seat freed), and leaves a paid one."""
    shop.group_activity_id = group_activity(client, shop, group_size=5)
    leader, a, b = buyers.make(3)
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    first = join(client, gid, buyers.headers(a)).json["order"]
    second = join(client, gid, buyers.headers(b)).json["order"]
    assert first["pay_deadline"] == second["pay_deadline"]  # the frozen clock: one second
    deadline = datetime.fromisoformat(first["pay_deadline"])
    assert deadline == clock.now() + timedelta(minutes=15)
    registry = ScheduledJobRegistry(queue=app.extensions["mall.queues"].get("promotions"))
    job_id = f"gb-seats-expire-{math.ceil(deadline.timestamp())}"
    assert [j for j in registry.get_job_ids() if j.startswith("gb-seats")] == [job_id]
    assert registry.get_scheduled_time(job_id) == deadline
    orders_registry = ScheduledJobRegistry(queue=app.extensions["mall.queues"].get("orders"))
    assert f"order-expire-{first['id']}" not in orders_registry.get_job_ids()
    assert pay_direct(second["id"])
    assert jobs.expire_seats_due(math.ceil(deadline.timestamp()) - 1) == 0  # not due yet
    clock.advance(timedelta(minutes=15, seconds=1))
    # the leader's unpaid order (due the same second) goes with it
    assert jobs.expire_seats_due(math.ceil(deadline.timestamp())) == 2
    assert jobs.expire_seats_due(math.ceil(deadline.timestamp())) == 0
    with transaction() as s:
        assert s.get(Order, first["id"]).status == "cancelled"
        assert s.get(Order, second["id"]).status == "grouping"  # paid, the group not full
    assert redis.hkeys(keys.group(gid)[1]) == []
    assert redis.hkeys(keys.group(gid)[2]) == [str(b)]
