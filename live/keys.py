"""Every Redis key and script of live rooms. All keys of one room share the
hash tag `{live:<id>}`, so each script runs unchanged on Redis Cluster."""

from __future__ import annotations

from pathlib import Path

LUA = Path(__file__).parent / "lua"


def tag(room_id: int) -> str:
    return f"{{live:{room_id}}}"


def loaded(room_id: int) -> str:
    """marker: the epoch (a random id) of the load of the room's state from the
    database; without it Redis lost the room, and the scripts that need its
    state refuse until it is loaded again"""
    return f"{tag(room_id)}:loaded"


def rebuilding(room_id: int) -> str:
    """lock: held (with an expiry) by the one process loading the room or one
    of its drops from the database"""
    return f"{tag(room_id)}:rebuilding"


def meta(room_id: int) -> str:
    """hash: likes (the total shown), messages, peak; and, from the room's
    last load, floor (likes the database held), seen (the room's saved
    figure) and credited (likes written to the database after the load)"""
    return f"{tag(room_id)}:meta"


def online(room_id: int) -> str:
    """sorted set: socket id -> expires at (ms, Redis's clock) of every open
    connection; its node's heartbeat pushes the expiry on, so the sockets of
    a node that died without saying goodbye fall out"""
    return f"{tag(room_id)}:online"


def who(room_id: int) -> str:
    """hash: socket id -> viewer ('u<id>', 'g<guest key>' or 'c<socket id>')
    of every open connection"""
    return f"{tag(room_id)}:who"


def people(room_id: int) -> str:
    """hash: viewer -> open sockets; its length is the room's online count
    (people, not sockets)"""
    return f"{tag(room_id)}:people"


def viewers(room_id: int) -> str:
    """set: the user id of every signed-in viewer who ever joined (unique viewers)"""
    return f"{tag(room_id)}:viewers"


def like_rate(room_id: int, user_id: int) -> str:
    """counter: a user's like taps counted in the current one-second window"""
    return f"{tag(room_id)}:likes:{user_id}"


def ended(room_id: int) -> str:
    """marker: the room has ended (likes refused); lives as long as the room's keys"""
    return f"{tag(room_id)}:ended"


def saved(room_id: int) -> str:
    """gate: set for STATS_SAVE_MS after the statistics were written to the database"""
    return f"{tag(room_id)}:saved"


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


def presence(room_id: int) -> list[str]:
    """Who is online: sockets, their viewers, and the people they are."""
    return [online(room_id), who(room_id), people(room_id)]


def room_keys(room_id: int, drop_ids: list[int]) -> list[str]:
    """Every long-lived key of a room but its presence (chat and like rate
    keys expire by themselves)."""
    fixed = [loaded(room_id), meta(room_id), viewers(room_id), likers(room_id),
             tick(room_id), muted(room_id), kicked(room_id), banned(room_id),
             samples(room_id), saved(room_id)]
    return fixed + [k for d in drop_ids for k in (drop(room_id, d), claimers(room_id, d))]

