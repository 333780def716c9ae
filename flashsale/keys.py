"""Every Redis key and script of the flash-sale package. All keys of one
activity share the hash tag `{fs:<id>}`, so each script runs unchanged on
Redis Cluster."""

from __future__ import annotations

from pathlib import Path

LUA = Path(__file__).parent / "lua"
RETIRED_TTL_MS = 24 * 3600 * 1000  # a closed sale's state lingers this long


def tag(activity_id: int) -> str:
    return f"{{fs:{activity_id}}}"


def meta(activity_id: int) -> str:
    """hash: status, per_user, per_order, quota, open ('s1,e1,s2,e2' in ms)"""
    return f"{tag(activity_id)}:meta"


def stock(activity_id: int) -> str:
    return f"{tag(activity_id)}:stock"


def users(activity_id: int) -> str:
    """hash: user id -> units taken (held or paid)"""
    return f"{tag(activity_id)}:users"


def inflight(activity_id: int) -> str:
    """hash: grab no -> 'uid:qty:ms' for wins not yet written to the database"""
    return f"{tag(activity_id)}:inflight"


def seq(activity_id: int) -> str:
    return f"{tag(activity_id)}:seq"


def returned(activity_id: int) -> str:
    """set: grab nos whose units came back (so a retried give-back counts once)"""
    return f"{tag(activity_id)}:returned"


def rebuild_asked(activity_id: int) -> str:
    """set for a few seconds after a rebuild was queued, so a crowd asks once"""
    return f"{tag(activity_id)}:rebuild-asked"


def token(activity_id: int, user_id: int) -> str:
    return f"{tag(activity_id)}:tok:{user_id}"


def rate(activity_id: int, user_id: int) -> str:
    return f"{tag(activity_id)}:rl:{user_id}"


def grab_keys(activity_id: int, user_id: int) -> list[str]:
    return [meta(activity_id), stock(activity_id), users(activity_id), inflight(activity_id),
            seq(activity_id), token(activity_id, user_id), rate(activity_id, user_id)]


def state_keys(activity_id: int) -> list[str]:
    return [meta(activity_id), stock(activity_id), users(activity_id), inflight(activity_id),
            seq(activity_id), returned(activity_id)]

