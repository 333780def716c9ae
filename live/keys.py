"""Every Redis key and script of live rooms. All keys of one room share the
hash tag `{live:<id>}`, so each script runs unchanged on Redis Cluster."""

from __future__ import annotations

from pathlib import Path

LUA = Path(__file__).parent / "lua"
SCRIPTS = ("join", "leave", "chat", "like", "claim", "unclaim", "load_drop")


def tag(room_id: int) -> str:
    return f"{{live:{room_id}}}"


def meta(room_id: int) -> str:
    """hash: likes, messages, peak"""
    return f"{tag(room_id)}:meta"


def online(room_id: int) -> str:
    """hash: socket id -> viewer ('u<id>' or 'g<sid>') of every open connection"""
    return f"{tag(room_id)}:online"


def viewers(room_id: int) -> str:
    """set: every viewer who ever joined (unique viewers)"""
    return f"{tag(room_id)}:viewers"


def likers(room_id: int) -> str:
    """set: user ids who liked (lottery qualification)"""
    return f"{tag(room_id)}:likers"


def tick(room_id: int) -> str:
    """gate: set for TICK_MS when a counters broadcast is scheduled"""
    return f"{tag(room_id)}:tick"


def chat_rate(room_id: int, user_id: int) -> str:
    return f"{tag(room_id)}:chat:{user_id}"


def muted(room_id: int) -> str:
    """hash: user id -> muted until (ms; 0 = until lifted)"""
    return f"{tag(room_id)}:muted"


def kicked(room_id: int) -> str:
    """hash: user id -> may rejoin at (ms)"""
    return f"{tag(room_id)}:kicked"


def banned(room_id: int) -> str:
    return f"{tag(room_id)}:banned"


def drop(room_id: int, drop_id: int) -> str:
    """hash: total, claimed"""
    return f"{tag(room_id)}:drop:{drop_id}"


def claimers(room_id: int, drop_id: int) -> str:
    return f"{tag(room_id)}:drop:{drop_id}:users"


def samples(room_id: int) -> str:
    """list: 'ms:online' samples for the host's chart, newest first"""
    return f"{tag(room_id)}:samples"


def script(name: str) -> str:
    return (LUA / f"{name}.lua").read_text()
