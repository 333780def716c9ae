"""On Redis Cluster (the CI leg with REDIS_URL=redis+cluster://...): one batch
of grabs for sales held by different masters is pipelined per master, and
every grab is answered from its own sale's master; a grab sent to a master
that no longer holds its slot (MOVED: the script did not run) is sent again
once to the new one."""

from __future__ import annotations

import pytest
from redis.cluster import RedisCluster

from app import clock
from flashsale import keys
from flashsale.engine import LOAD, Engine, GrabAsk, Win


@pytest.fixture
def cluster(redis) -> RedisCluster:
    if not isinstance(redis, RedisCluster):
        pytest.skip("runs on Redis Cluster (REDIS_URL=redis+cluster://...)")
    return redis


def _sales_on_every_master(cluster: RedisCluster) -> dict[str, int]:
    """A sale id per master (by its hash tag's slot)."""
    found: dict[str, int] = {}
    masters = {n.name for n in cluster.get_primaries()}
    for sale_id in range(1, 1000):
        found.setdefault(cluster.get_node_from_key(keys.meta(sale_id)).name, sale_id)
        if set(found) == masters:
            return found
    raise AssertionError(f"no sale id for every master: {found}")


def test_a_batch_over_three_masters_is_answered_per_sale(cluster):
    engine = Engine(cluster)
    ms = clock.to_ms(clock.now())
    sales = _sales_on_every_master(cluster)
    assert len(sales) == 3
    for n, sale_id in enumerate(sales.values()):
        engine.load(sale_id, status="live", per_user=5, per_order=5, quota=10 + n,
                    intervals_ms=[(ms - 1000, ms + 600_000)], remaining=10 + n,
                    max_grab_no=0, users={}, returned=[], written=[])
    asks = []
    for sale_id in sales.values():
        for user_id in (41, 42):
            engine.store_token(sale_id, user_id, f"tok{sale_id}-{user_id}", ms + 60_000)
            asks.append(GrabAsk(sale_id, user_id, 2, f"tok{sale_id}-{user_id}", ms))
    asks.append(GrabAsk(next(iter(sales.values())), 43, 1, "no-such-token", ms))
    outcomes = engine.grab_many(asks)
    wins = [(o.activity_id, o.user_id, o.grab_no, o.remaining) for o in outcomes[:-1]]
    expected = []
    for n, sale_id in enumerate(sales.values()):
        expected += [(sale_id, 41, 1, 8 + n), (sale_id, 42, 2, 6 + n)]
    assert all(isinstance(o, Win) for o in outcomes[:-1])
    assert wins == expected
    assert type(outcomes[-1]).__name__ == "InvalidGrabToken"
    for node_name, sale_id in sales.items():  # each sale's stock lives on its own master
        node = cluster.get_node(node_name=node_name)
        assert cluster.get_redis_connection(node).get(keys.stock(sale_id)) is not None
        assert engine.remaining(sale_id) == 6 + list(sales.values()).index(sale_id)
    assert len(engine._idle) == 3 and engine.idle_connections() == 3  # one per master
    assert engine.confirm(sales[next(iter(sales))], [1, 2]) == 2


def _give_slot(cluster: RedisCluster, slot: int, to) -> None:
    """Hand an empty slot to the master `to`, told to every master (the new
    owner first, with a new epoch), past the client's back: its map is stale."""
    masters = cluster.get_primaries()
    owner_id = cluster.get_redis_connection(to).execute_command("CLUSTER MYID")
    cluster.get_redis_connection(to).execute_command("CLUSTER BUMPEPOCH")
    for node in sorted(masters, key=lambda n: n.name != to.name):
        cluster.get_redis_connection(node).execute_command("CLUSTER SETSLOT", slot, "NODE",
                                                           owner_id)


def test_a_grab_on_a_slot_that_moved_is_sent_again_to_its_new_master(cluster):
    engine = Engine(cluster)
    ms = clock.to_ms(clock.now())
    sale_id = 424242
    slot = cluster.keyslot(keys.meta(sale_id))
    old = cluster.get_node_from_key(keys.meta(sale_id))
    new = next(n for n in cluster.get_primaries() if n.name != old.name)
    (missing,) = engine.grab_many([GrabAsk(sale_id, 7, 1, "tok", ms)])  # on the old master
    assert type(missing).__name__ == "StateMissing"
    _give_slot(cluster, slot, new)
    try:
        there = cluster.get_redis_connection(new)
        LOAD(there, keys.state_keys(sale_id),
             ["live", 5, 5, 10, f"{ms - 1000},{ms + 600_000}", 10, 0, 0, 0])
        there.set(keys.token(sale_id, 7), f"tok:{ms + 60_000}")
        assert cluster.get_node_from_key(keys.meta(sale_id)).name == old.name  # stale map
        (won,) = engine.grab_many([GrabAsk(sale_id, 7, 1, "tok", ms)])  # MOVED, then again
        assert (won.grab_no, won.remaining) == (1, 9)
        assert cluster.get_node_from_key(keys.meta(sale_id)).name == new.name
    finally:
        there.delete(*keys.state_keys(sale_id), keys.token(sale_id, 7), keys.rate(sale_id, 7))
        _give_slot(cluster, slot, old)
        cluster.nodes_manager.initialize()
