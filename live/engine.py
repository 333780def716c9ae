"""The Redis side of live rooms: one method per script in lua/, each
registered once (app/scripts.py) with its codes mapped to domain errors,
plus plain reads of the counters. `StateMissing` means
Redis lost the room's state (or a drop's): the caller loads it again from
the database (live/recovery.py) and tries once more."""

from __future__ import annotations

from dataclasses import dataclass

import redis

from app.scripts import Script
from live import errors, keys, rules

NOT_LOADED = -9  # the scripts' answer when the room's state is not in Redis: StateMissing


def _until(error, name: str):
    return lambda extra: error(details={name: int(extra[0]) or None})


JOIN = Script(keys.LUA / "join.lua", {
    -1: errors.Banned, -2: lambda extra: errors.Kicked(details={"until_ms": int(extra[0])})})
LEAVE = Script(keys.LUA / "leave.lua")
BEAT = Script(keys.LUA / "beat.lua")
CHAT = Script(keys.LUA / "chat.lua", {
    -1: errors.Banned, -2: _until(errors.Muted, "until_ms"),
    -3: lambda extra: errors.ChatTooFast(details={"retry_after_ms": int(extra[0])})})
LIKE = Script(keys.LUA / "like.lua", {-1: errors.RoomEnded})
END = Script(keys.LUA / "end.lua")
LOAD_ROOM = Script(keys.LUA / "load_room.lua")
CREDIT = Script(keys.LUA / "credit.lua")
# -1: the drop's state is missing (StateMissing, raised with its room and drop)
CLAIM = Script(keys.LUA / "claim.lua", {
    -2: errors.AlreadyClaimed,
    -3: lambda extra: errors.CouponGone(details={"quantity": int(extra[0])})})
UNCLAIM = Script(keys.LUA / "unclaim.lua")
LOAD_DROP = Script(keys.LUA / "load_drop.lua")


class StateMissing(Exception):
    """Redis does not hold the room's state (drop_id: that drop's)."""

    def __init__(self, room_id: int, drop_id: int | None = None):
        super().__init__(room_id, drop_id)
        self.room_id, self.drop_id = room_id, drop_id


@dataclass(frozen=True)
class Counters:
    likes: int
    messages: int
    online: int
    peak: int
    unique_viewers: int
    loaded: bool = True


@dataclass(frozen=True)
class Joined:
    opened: bool  # this join opened the broadcast gate
    first: bool  # the user's first visit to the room
    epoch: str
    peak: int


@dataclass(frozen=True)
class Liked:
    counted: int
    total: int
    opened: bool
    epoch: str
    first: bool  # the user's first like in the room


@dataclass(frozen=True)
class Beat:
    online: int
    epoch: str
    registered: int  # sockets registered again (the room was loaded anew)


def _answer(room_id: int, answer) -> list:
    if int(answer[0]) == NOT_LOADED:
        raise StateMissing(room_id)
    return answer


class Engine:
    def __init__(self, client: redis.Redis):
        self.redis = client

    def join(self, room_id: int, sid: str, viewer: str, user_id: int | None, *, now_ms: int,
             ttl_ms: int) -> Joined:
        """Record the connection (Banned / Kicked refused in the same script)."""
        answer = _answer(room_id, JOIN(
            self.redis,
            [*keys.presence(room_id), keys.viewers(room_id), keys.meta(room_id),
             keys.tick(room_id), keys.banned(room_id), keys.kicked(room_id),
             keys.loaded(room_id)],
            [sid, viewer, "" if user_id is None else user_id, rules.TICK_MS, now_ms, ttl_ms]))
        return Joined(bool(int(answer[4])), bool(int(answer[5])), answer[6], int(answer[2]))

    def leave(self, room_id: int, sid: str) -> bool:
        answer = LEAVE(self.redis, [*keys.presence(room_id), keys.tick(room_id)],
                       [sid, rules.TICK_MS])
        return bool(int(answer[1]))

    def beat(self, room_id: int, held: list[tuple[str, str]], ttl_ms: int,
             epoch: str | None) -> Beat:
        """Renew these (socket, viewer)s' presence, or register them again if
        the room was loaded anew since `epoch`; drop the expired ones."""
        flat = [v for pair in held for v in pair]
        answer = _answer(room_id, BEAT(
            self.redis, [*keys.presence(room_id), keys.meta(room_id), keys.loaded(room_id)],
            [ttl_ms, epoch or "", *flat]))
        return Beat(int(answer[0]), answer[2], int(answer[3]))

    def chat(self, room_id: int, user_id: int, now_ms: int) -> int:
        """Banned, muted and over-rate users are refused; returns the message count."""
        answer = _answer(room_id, CHAT(
            self.redis,
            [keys.banned(room_id), keys.muted(room_id), keys.chat_rate(room_id, user_id),
             keys.meta(room_id), keys.loaded(room_id)],
            [user_id, now_ms, rules.CHAT_INTERVAL_MS]))
        return int(answer[1])

    def like(self, room_id: int, user_id: int, taps: int) -> Liked:
        """A user's taps past the per-second cap are not counted."""
        answer = _answer(room_id, LIKE(
            self.redis,
            [keys.meta(room_id), keys.likers(room_id), keys.tick(room_id),
             keys.like_rate(room_id, user_id), keys.ended(room_id), keys.loaded(room_id)],
            [user_id, taps, rules.TICK_MS, rules.LIKES_PER_USER_PER_S, rules.LIKE_WINDOW_MS]))
        return Liked(int(answer[0]), int(answer[1]), bool(int(answer[2])), answer[3],
                     bool(int(answer[4])))

    def end(self, room_id: int, drop_ids: list[int], keep_ms: int = rules.ENDED_KEEP_MS) -> int:
        """Nobody is online; the room's keys expire `keep_ms` from now; likes
        are refused meanwhile."""
        return int(END(self.redis, [keys.ended(room_id), *keys.presence(room_id),
                                    *keys.room_keys(room_id, drop_ids)], [keep_ms]))

    def load_room(self, room_id: int, epoch: str, *, floor: int, seen: int, messages: int,
                  peak: int, keep_ms: int, mutes: list[tuple[int, int]], bans: list[int],
                  kicks: list[tuple[int, int]], viewers: list[int],
                  likers: list[int]) -> tuple[bool, str]:
        """(loaded by this call, the room's epoch); see lua/load_room.lua."""
        counts = [len(mutes), len(bans), len(kicks), len(viewers), len(likers)]
        flat = [v for pair in mutes for v in pair] + bans + \
            [v for pair in kicks for v in pair] + viewers + likers
        done, now = LOAD_ROOM(
            self.redis,
            [keys.loaded(room_id), keys.meta(room_id), keys.muted(room_id),
             keys.banned(room_id), keys.kicked(room_id), keys.viewers(room_id),
             keys.likers(room_id), *keys.presence(room_id), keys.ended(room_id)],
            [epoch, floor, seen, messages, peak, keep_ms, *counts, *flat])
        return bool(int(done)), now

    def credit(self, room_id: int, epoch: str, *, likes: int, peak: int, viewers: list[int],
               likers: list[int]) -> int:
        """The like total, or -1 if the room is no longer loaded under `epoch`."""
        return int(CREDIT(self.redis, [keys.loaded(room_id), keys.meta(room_id),
                                       keys.viewers(room_id), keys.likers(room_id)],
                          [epoch, likes, peak, len(viewers), *viewers, *likers]))

    def epoch(self, room_id: int) -> str | None:
        """The epoch of the room's load, None when Redis does not hold it."""
        return self.redis.get(keys.loaded(room_id))

    def lock(self, room_id: int):
        """The room's rebuild lock (a load from the database at a time)."""
        return self.redis.lock(keys.rebuilding(room_id), timeout=rules.REBUILD_LOCK_S,
                               blocking_timeout=rules.REBUILD_WAIT_S)

    def save_due(self, room_id: int) -> bool:
        """True at most once per STATS_SAVE_MS per room, across processes."""
        return bool(self.redis.set(keys.saved(room_id), 1, nx=True, px=rules.STATS_SAVE_MS))

    def open_gate(self, room_id: int) -> bool:
        """True when the counters broadcast gate was shut and this call opened it."""
        return bool(self.redis.set(keys.tick(room_id), 1, nx=True, px=rules.TICK_MS))

    def claim(self, room_id: int, drop_id: int, user_id: int) -> tuple[int, int]:
        """(claimed so far, total) or CouponGone / AlreadyClaimed / StateMissing."""
        answer = CLAIM(self.redis, [keys.drop(room_id, drop_id),
                                    keys.claimers(room_id, drop_id)], [user_id])
        if int(answer[0]) != 1:
            raise StateMissing(room_id, drop_id)
        return int(answer[1]), int(answer[2])

    def unclaim(self, room_id: int, drop_id: int, user_id: int) -> int:
        return int(UNCLAIM(self.redis, [keys.drop(room_id, drop_id),
                                        keys.claimers(room_id, drop_id)], [user_id]))

    def load_drop(self, room_id: int, drop_id: int, total: int, claimed_by: list[int]) -> int:
        return int(LOAD_DROP(self.redis, [keys.drop(room_id, drop_id),
                                          keys.claimers(room_id, drop_id)],
                             [total, *claimed_by]))

    def drop_left(self, room_id: int, drop_id: int) -> int | None:
        total, claimed = self.redis.hmget(keys.drop(room_id, drop_id), "total", "claimed")
        return None if total is None else int(total) - int(claimed or 0)

    def counters(self, room_id: int) -> Counters:
        """Online is swept first, so a dead node's sockets never count."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.hmget(keys.meta(room_id), "likes", "messages", "peak")
        BEAT.queue(pipe, [*keys.presence(room_id), keys.meta(room_id), keys.loaded(room_id)],
                   [0, ""])
        pipe.scard(keys.viewers(room_id))
        (likes, messages, peak), (online, _dropped, epoch, _again), uniques = pipe.execute()
        return Counters(int(likes or 0), int(messages or 0), int(online), int(peak or 0),
                        uniques, loaded=bool(epoch))

    def sample(self, room_id: int, now_ms: int, online: int) -> None:
        pipe = self.redis.pipeline(transaction=False)
        pipe.lpush(keys.samples(room_id), f"{now_ms}:{online}")
        pipe.ltrim(keys.samples(room_id), 0, rules.SAMPLES_KEPT - 1)
        pipe.execute()

    def samples(self, room_id: int) -> list[tuple[int, int]]:
        """Oldest first."""
        raw = self.redis.lrange(keys.samples(room_id), 0, -1)
        return [tuple(int(x) for x in s.split(":")) for s in reversed(raw)]

    def sockets_of(self, room_id: int, user_id: int) -> list[str]:
        wanted = f"u{user_id}"
        return [sid for sid, who in self.redis.hgetall(keys.who(room_id)).items()
                if who == wanted]

    def likers(self, room_id: int) -> list[int]:
        """StateMissing when Redis lost the room (its likers come back with it)."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.exists(keys.loaded(room_id))
        pipe.smembers(keys.likers(room_id))
        loaded, found = pipe.execute()
        if not loaded:
            raise StateMissing(room_id)
        return sorted(int(u) for u in found)

    def mute(self, room_id: int, user_id: int, until_ms: int) -> None:
        self.redis.hset(keys.muted(room_id), user_id, until_ms)

    def unmute(self, room_id: int, user_id: int) -> None:
        self.redis.hdel(keys.muted(room_id), user_id)

    def kick(self, room_id: int, user_id: int, until_ms: int) -> None:
        self.redis.hset(keys.kicked(room_id), user_id, until_ms)

    def kicked_until(self, room_id: int, user_id: int) -> int:
        return int(self.redis.hget(keys.kicked(room_id), user_id) or 0)

    def ban(self, room_id: int, user_id: int) -> None:
        self.redis.sadd(keys.banned(room_id), user_id)

    def is_banned(self, room_id: int, user_id: int) -> bool:
        return bool(self.redis.sismember(keys.banned(room_id), user_id))


def current() -> Engine:
    """The app's live engine (made by the live feature's setup)."""
    from flask import current_app

    return current_app.extensions["live"]
