"""KEYS for tests that look for what a feature left in Redis: on Redis
Cluster every master is asked (RedisCluster sends KEYS to one node)."""

from __future__ import annotations

from redis.cluster import RedisCluster


def matching(redis, pattern: str) -> list[str]:
    if isinstance(redis, RedisCluster):
        return redis.keys(pattern, target_nodes=RedisCluster.PRIMARIES)
    return redis.keys(pattern)
