"""1,000 concurrent joins across 100 groups of size 5, raced with threads
through the HTTP API, then every member's payment raced too."""

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from app.db import transaction
from app.orders.models import Order
from groupbuy import keys
from groupbuy.models import Group, GroupMember
from tests.conftest import stock_of
from tests.groupbuy.conftest import group_activity, open_group, pay_direct

GROUPS, SIZE, JOINERS_PER_GROUP = 100, 5, 10


def _race(app, fn, items, workers=32):
    gate = threading.Barrier(workers)
    local = threading.local()

    def run(item):
        if not getattr(local, "ready", False):
            local.ready = True
            local.client = app.test_client()
            gate.wait(timeout=60)
        with app.app_context():
            return fn(local.client, item)
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(run, items))


def test_1000_concurrent_joins_across_100_groups_of_5(app, client, redis, shop, buyers, told):
    shop.group_activity_id = group_activity(client, shop, group_size=SIZE)
    leaders = buyers.make(GROUPS, "leader")
    group_ids = []
    for uid in leaders:
        resp = open_group(client, shop, buyers.headers(uid))
        group_ids.append(resp.json["group"]["id"])
        assert pay_direct(resp.json["order"]["id"])
    joiners = buyers.make(GROUPS * JOINERS_PER_GROUP, "joiner")
    attempts = [(uid, group_ids[i % GROUPS]) for i, uid in enumerate(joiners)]
    random.Random(6).shuffle(attempts)

    def join(c, attempt):
        uid, gid = attempt
        resp = c.post(f"/mp/v1/groups/{gid}/join", headers=buyers.headers(uid))
        body = resp.get_json()
        return gid, resp.status_code, body["order"]["id"] if resp.status_code == 201 \
            else body["error"]["code"]
    answers = _race(app, join, attempts)

    assert Counter((s, c if s != 201 else "ok") for _, s, c in answers) == \
        {(201, "ok"): GROUPS * (SIZE - 1), (409, "group_full"): GROUPS * 6}
    wins = Counter(gid for gid, s, _ in answers if s == 201)
    assert set(wins.values()) == {SIZE - 1}
    for gid in group_ids:
        _, held, paid = keys.group(gid)
        assert (redis.hlen(held), redis.hlen(paid)) == (SIZE - 1, 1)
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == GROUPS * SIZE
        assert s.scalar(select(func.count()).select_from(GroupMember)) == GROUPS * SIZE
    assert stock_of(shop.sku_id) == 5000 - GROUPS * SIZE

    order_ids = [oid for _, s, oid in answers if s == 201]
    assert all(_race(app, lambda _c, oid: pay_direct(oid), order_ids))
    with transaction() as s:
        groups = s.execute(select(Group.status, Group.paid_count, Group.virtual)).all()
        assert Counter(groups) == {("completed", SIZE, False): GROUPS}
        assert s.scalar(select(func.count()).select_from(Order)
                        .where(Order.status == "to_ship")) == GROUPS * SIZE
        members = Counter(s.scalars(select(GroupMember.status)))
        assert members == {"done": GROUPS * SIZE}
    # completed exactly once: each member told once, each group's 5 members
    per_group = Counter(data["group_id"] for _, _, data in told)
    assert per_group == dict.fromkeys(group_ids, SIZE)
    assert len({(uid, data["group_id"]) for uid, _, data in told}) == GROUPS * SIZE
    for gid in group_ids:
        meta, held, paid = keys.group(gid)
        assert (redis.hlen(held), redis.hlen(paid), redis.hget(meta, "state")) == \
            (0, SIZE, "completed")
