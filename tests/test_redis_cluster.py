"""Redis Cluster by configuration: REDIS_URL=redis+cluster://host:port,...
makes a RedisCluster client; RQ (and so Socket.IO's queue by default) stays
on a plain Redis, QUEUE_REDIS_URL, refused when missing. The cluster-only
checks run in CI's cluster leg."""

from __future__ import annotations

import pytest
import redis as redis_lib
from redis.cluster import RedisCluster

from app.config import ConfigError, Settings
from app.redis import cluster_seeds

CLUSTER = "redis+cluster://127.0.0.1:7101,127.0.0.1:7102"


def test_seed_nodes_and_credentials_are_read_from_the_url():
    first, others = cluster_seeds("redis+cluster://app:s3cret@10.0.0.1:7001,10.0.0.2:7002/0")
    assert first == "redis://app:s3cret@10.0.0.1:7001/0"
    assert [(n.host, n.port) for n in others] == [("10.0.0.2", 7002)]
    with pytest.raises(ValueError, match="host:port, not 'nohost'"):
        cluster_seeds("redis+cluster://10.0.0.1:7001,nohost")


def test_a_cluster_needs_a_plain_redis_for_the_queues(tmp_path, monkeypatch):
    monkeypatch.delenv("QUEUE_REDIS_URL", raising=False)
    with pytest.raises(ConfigError) as refused:
        Settings.from_env(redis_url=CLUSTER, instance_dir=str(tmp_path))
    assert refused.value.problems == [
        "REDIS_URL is a Redis Cluster: RQ's queues need a plain Redis, set QUEUE_REDIS_URL"]
    with pytest.raises(ConfigError, match="QUEUE_REDIS_URL must be a plain Redis"):
        Settings.from_env(redis_url=CLUSTER, queue_redis_url=CLUSTER, instance_dir=str(tmp_path))
    with pytest.raises(ConfigError, match="SOCKETIO_MESSAGE_QUEUE takes one server"):
        Settings.from_env(redis_url=CLUSTER, queue_redis_url="redis://127.0.0.1:7100/0",
                          socketio_message_queue=CLUSTER, instance_dir=str(tmp_path))
    s = Settings.from_env(redis_url=CLUSTER, queue_redis_url="redis://127.0.0.1:7100/0",
                          instance_dir=str(tmp_path))
    assert s.queue_url == "redis://127.0.0.1:7100/0"
    assert Settings.from_env(redis_url="redis://h:1/0", instance_dir=str(tmp_path)).queue_url \
        == "redis://h:1/0"


@pytest.fixture
def cluster(redis) -> RedisCluster:
    if not isinstance(redis, RedisCluster):
        pytest.skip("runs on Redis Cluster (REDIS_URL=redis+cluster://...)")
    return redis


def test_the_app_runs_on_three_masters_and_a_flush_empties_each(app, cluster):
    assert isinstance(app.extensions["mall.queues"].connection, redis_lib.Redis)
    masters = cluster.get_primaries()
    assert len(masters) == 3
    for n in range(30):
        cluster.set(f"{{k{n}}}:v", n)
    assert {cluster.get_node_from_key(f"{{k{n}}}:v").name for n in range(30)} == \
        {m.name for m in masters}
    cluster.flushdb()
    assert [cluster.get_redis_connection(m).dbsize() for m in masters] == [0, 0, 0]


def test_a_publish_on_one_node_reaches_a_subscriber_on_another(cluster):
    """Why SOCKETIO_MESSAGE_QUEUE may name one node of the cluster: PUBLISH
    goes over the cluster bus to every node."""
    one, other = cluster.get_primaries()[:2]
    sub = redis_lib.Redis(host=one.host, port=one.port).pubsub(ignore_subscribe_messages=True)
    sub.subscribe("cluster-test")
    try:
        redis_lib.Redis(host=other.host, port=other.port).publish("cluster-test", "hello")
        message = None
        for _ in range(50):
            message = sub.get_message(timeout=0.1)
            if message:
                break
        assert message is not None and message["data"] == b"hello"
    finally:
        sub.close()
