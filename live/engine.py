"""The Redis side of live rooms: one method per script in lua/, codes mapped
to domain errors, plus plain reads of the counters."""

from __future__ import annotations

from dataclasses import dataclass

import redis

from live import errors, keys, rules


@dataclass(frozen=True)
class Counters:
    likes: int
    messages: int
    online: int
    peak: int
    unique_viewers: int


class Engine:
    def __init__(self, client: redis.Redis):
        self.redis = client
        self.scripts = {name: client.register_script(keys.script(name))
                        for name in keys.SCRIPTS}

    def join(self, room_id: int, sid: str, user_id: int | None, *, now_ms: int,
             ttl_ms: int) -> bool:
        """Record the connection (Banned / Kicked refused in the same script);
        True when this call opened the broadcast gate."""
        answer = self.scripts["join"](
            keys=[keys.online(room_id), keys.who(room_id), keys.viewers(room_id),
                  keys.meta(room_id), keys.tick(room_id), keys.banned(room_id),
                  keys.kicked(room_id)],
            args=[sid, "" if user_id is None else user_id, rules.TICK_MS, now_ms, ttl_ms])
        code = int(answer[0])
        if code == -1:
            raise errors.Banned()
        if code == -2:
            raise errors.Kicked(details={"until_ms": int(answer[1])})
        return bool(int(answer[4]))

    def leave(self, room_id: int, sid: str) -> bool:
        answer = self.scripts["leave"](
            keys=[keys.online(room_id), keys.who(room_id), keys.tick(room_id)],
            args=[sid, rules.TICK_MS])
        return bool(int(answer[1]))

    def beat(self, room_id: int, sids: list[str], ttl_ms: int) -> tuple[int, int]:
        """Renew these sockets' presence, drop the expired ones: (online, dropped)."""
        online, dropped = self.scripts["beat"](keys=[keys.online(room_id), keys.who(room_id)],
                                               args=[ttl_ms, *sids])
        return int(online), int(dropped)

    def chat(self, room_id: int, user_id: int, now_ms: int) -> int:
        """Banned, muted and over-rate users are refused; returns the message count."""
        answer = self.scripts["chat"](
            keys=[keys.banned(room_id), keys.muted(room_id), keys.chat_rate(room_id, user_id),
                  keys.meta(room_id)], args=[user_id, now_ms, rules.CHAT_INTERVAL_MS])
        code = int(answer[0])
        if code == 1:
            return int(answer[1])
        if code == -1:
            raise errors.Banned()
        if code == -2:
            raise errors.Muted(details={"until_ms": int(answer[1]) or None})
        raise errors.ChatTooFast(details={"retry_after_ms": int(answer[1])})

    def like(self, room_id: int, user_id: int, taps: int) -> tuple[int, int, bool]:
        """(taps counted, total, whether this call opened the broadcast gate):
        a user's taps past the per-second cap are not counted."""
        answer = self.scripts["like"](
            keys=[keys.meta(room_id), keys.likers(room_id), keys.tick(room_id),
                  keys.like_rate(room_id, user_id), keys.ended(room_id)],
            args=[user_id, taps, rules.TICK_MS, rules.LIKES_PER_USER_PER_S,
                  rules.LIKE_WINDOW_MS])
        if int(answer[0]) == -1:
            raise errors.RoomEnded()
        return int(answer[0]), int(answer[1]), bool(int(answer[2]))

    def end(self, room_id: int, drop_ids: list[int], keep_ms: int = rules.ENDED_KEEP_MS) -> int:
        """Nobody is online; the room's keys expire `keep_ms` from now; likes
        are refused meanwhile."""
        return int(self.scripts["end"](keys=[keys.ended(room_id), keys.online(room_id),
                                             keys.who(room_id),
                                             *keys.room_keys(room_id, drop_ids)],
                                       args=[keep_ms]))

    def save_due(self, room_id: int) -> bool:
        """True at most once per STATS_SAVE_MS per room, across processes."""
        return bool(self.redis.set(keys.saved(room_id), 1, nx=True, px=rules.STATS_SAVE_MS))

    def open_gate(self, room_id: int) -> bool:
        """True when the counters broadcast gate was shut and this call opened it."""
        return bool(self.redis.set(keys.tick(room_id), 1, nx=True, px=rules.TICK_MS))

    def claim(self, room_id: int, drop_id: int, user_id: int) -> tuple[int, int]:
        """(claimed so far, total) or CouponGone / AlreadyClaimed / DropNotFound."""
        answer = self.scripts["claim"](
            keys=[keys.drop(room_id, drop_id), keys.claimers(room_id, drop_id)], args=[user_id])
        code = int(answer[0])
        if code == 1:
            return int(answer[1]), int(answer[2])
        if code == -2:
            raise errors.AlreadyClaimed()
        if code == -3:
            raise errors.CouponGone(details={"quantity": int(answer[1])})
        raise errors.DropNotFound()

    def unclaim(self, room_id: int, drop_id: int, user_id: int) -> int:
        return int(self.scripts["unclaim"](
            keys=[keys.drop(room_id, drop_id), keys.claimers(room_id, drop_id)], args=[user_id]))

    def load_drop(self, room_id: int, drop_id: int, total: int, claimed_by: list[int]) -> int:
        return int(self.scripts["load_drop"](
            keys=[keys.drop(room_id, drop_id), keys.claimers(room_id, drop_id)],
            args=[total, *claimed_by]))

    def drop_left(self, room_id: int, drop_id: int) -> int | None:
        total, claimed = self.redis.hmget(keys.drop(room_id, drop_id), "total", "claimed")
        return None if total is None else int(total) - int(claimed or 0)

    def counters(self, room_id: int) -> Counters:
        """Online is swept first, so a dead node's sockets never count."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.hmget(keys.meta(room_id), "likes", "messages", "peak")
        self.scripts["beat"](keys=[keys.online(room_id), keys.who(room_id)], args=[0],
                             client=pipe)
        pipe.scard(keys.viewers(room_id))
        (likes, messages, peak), (online, _dropped), uniques = pipe.execute()
        return Counters(int(likes or 0), int(messages or 0), int(online), int(peak or 0),
                        uniques)

    def restore_counters(self, room_id: int, *, likes: int, messages: int, peak: int) -> None:
        """After a Redis loss: the counters the database last saw (never lowering)."""
        for field, value in (("likes", likes), ("messages", messages), ("peak", peak)):
            current = self.redis.hget(keys.meta(room_id), field)
            if current is None or int(current) < value:
                self.redis.hset(keys.meta(room_id), field, value)

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
        return sorted(int(u) for u in self.redis.smembers(keys.likers(room_id)))

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
    """The app's live engine (made by live.setup.init_app)."""
    from flask import current_app

    return current_app.extensions["live"]
