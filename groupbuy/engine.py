"""The Redis side: one method per Lua script, each registered once
(app/scripts.py) with its negative codes mapped to domain errors.
`StateMissing` means Redis lost the keys: the service rebuilds them from the
database and tries once more."""

from __future__ import annotations

from datetime import datetime, timedelta

import redis
from redis.exceptions import NoScriptError

from app.clock import to_ms
from app.money import BPS
from app.scripts import Script
from groupbuy import errors, keys

KEEP_AFTER = timedelta(days=7)  # keys outlive their group or bargain by this much


def keep_ms(expires_at: datetime, now: datetime) -> int:
    """How long Redis keeps a group's or bargain's keys: a duration from the
    app's `now` (Redis measures it with its own clock), never an absolute time."""
    return max(1, to_ms(expires_at + KEEP_AFTER) - to_ms(now))


class StateMissing(Exception):
    """The group's or bargain's keys are not in Redis."""


SEAT_NOT_HELD = -6
SEAT_HOLD = Script(keys.LUA / "seat_hold.lua", {
    -1: StateMissing, -2: errors.GroupClosed, -3: errors.GroupExpired,
    -4: errors.AlreadyInGroup, -5: errors.GroupFull})
# -2 closed, -3 expired, -6 not held: read by the caller (the payment is refunded)
SEAT_CONFIRM = Script(keys.LUA / "seat_confirm.lua", {-1: StateMissing})
SEAT_RELEASE = Script(keys.LUA / "seat_release.lua")
GROUP_CLOSE = Script(keys.LUA / "group_close.lua")
GROUP_LOAD = Script(keys.LUA / "group_load.lua")
CUT_TAKE = Script(keys.LUA / "cut_take.lua", {
    -1: StateMissing, -2: errors.SelfHelp, -3: errors.BargainExpired,
    -4: errors.AlreadyHelped, -5: errors.BargainAtFloor, -6: errors.BargainClosed})
CUT_GIVE_BACK = Script(keys.LUA / "cut_give_back.lua")
BARGAIN_STATE = Script(keys.LUA / "bargain_state.lua")
BARGAIN_LOAD = Script(keys.LUA / "bargain_load.lua")


class Engine:
    def __init__(self, client: redis.Redis):
        self.r = client

    # ---- groups
    def load_group(self, group_id: int, *, size: int, expires_at: datetime, state: str,
                   held: list[tuple[int, int]], paid: list[tuple[int, int]], now: datetime,
                   heal: bool = False) -> bool:
        """Write the group's state; healing writes only if it is still missing.
        True when written."""
        flat = [v for pair in held + paid for v in pair]
        return GROUP_LOAD(self.r, keys.group(group_id), [
            size, to_ms(expires_at), state, keep_ms(expires_at, now),
            "heal" if heal else "replace", len(held), *flat]) == 1

    def hold(self, group_id: int, user_id: int, order_id: int, now: datetime) -> int:
        """Seats left; GroupFull, AlreadyInGroup, GroupClosed, GroupExpired."""
        return SEAT_HOLD(self.r, keys.group(group_id), [user_id, order_id, to_ms(now)])

    def confirm(self, group_id: int, user_id: int, order_id: int, now: datetime) -> int:
        """The paid count, or a negative code: -2 closed, -3 expired, -6 not held."""
        return SEAT_CONFIRM(self.r, keys.group(group_id), [user_id, order_id, to_ms(now)])

    def release(self, group_id: int, user_id: int, order_id: int) -> int:
        return SEAT_RELEASE(self.r, keys.group(group_id), [user_id, order_id])

    def close(self, group_id: int, state: str) -> int:
        return GROUP_CLOSE(self.r, keys.group(group_id), [state])

    def seats_taken(self, group_ids: list[int]) -> dict[int, int | None]:
        """Held + paid seats per group (None where Redis has no state)."""
        pipe = self.r.pipeline(transaction=False)
        for gid in group_ids:
            meta, held, paid = keys.group(gid)
            pipe.exists(meta)
            pipe.hlen(held)
            pipe.hlen(paid)
        out = pipe.execute()
        return {gid: (out[3 * i + 1] + out[3 * i + 2]) if out[3 * i] else None
                for i, gid in enumerate(group_ids)}

    def drop_group(self, group_id: int) -> None:
        self.r.delete(*keys.group(group_id))

    # ---- bargains
    def load_bargain(self, bargain_id: int, *, starter_id: int, expires_at: datetime,
                     state: str, cuts: list[int], helpers: list[int], now: datetime,
                     heal: bool = False) -> bool:
        """Write the bargain's state; healing writes only if it is still
        missing. True when written."""
        return BARGAIN_LOAD(self.r, keys.bargain(bargain_id), [
            starter_id, to_ms(expires_at), state, keep_ms(expires_at, now),
            "heal" if heal else "replace", len(cuts), *cuts, *helpers]) == 1

    def take_cut(self, bargain_id: int, helper_id: int, now: datetime,
                 bps: int = BPS) -> tuple[int, int, int]:
        """(fen taken, the head cut it came from, cuts left): `bps` of the
        head, all of it at 10000; SelfHelp, AlreadyHelped, BargainExpired, ..."""
        res = CUT_TAKE(self.r, keys.bargain(bargain_id), [helper_id, to_ms(now), bps])
        return int(res[0]), int(res[1]), int(res[2])

    def take_cuts(self, takes: list[tuple[int, int, datetime, int]]) -> list:
        """The cut script of every (bargain id, helper id, now, bps), in one
        round trip: one pipeline (redis-py's cluster pipeline sends each
        master its own commands at once). Per take, in order: (fen taken,
        head cut, cuts left), the mapped error (StateMissing included), or
        the RedisError that stands in for a reply not had."""
        commands = [CUT_TAKE.command(keys.bargain(bid), [uid, to_ms(now), bps])
                    for bid, uid, now, bps in takes]
        replies = self._pipelined(commands)
        missing = [i for i, r in enumerate(replies) if isinstance(r, NoScriptError)]
        if missing:  # a new or flushed server: load the script, then only those again
            CUT_TAKE.load(self.r)
            for i, reply in zip(missing, self._pipelined([commands[i] for i in missing]),
                                strict=True):
                replies[i] = reply
        return [_cut(reply) for reply in replies]

    def _pipelined(self, commands: list[tuple]) -> list:
        """Every command sent, then every reply read; an error reply stands
        in its place. Raises when the connection fails (replies unknown)."""
        pipe = self.r.pipeline(transaction=False)
        for command in commands:
            pipe.execute_command(*command)
        return pipe.execute(raise_on_error=False)

    def give_back_cut(self, bargain_id: int, helper_id: int, taken_fen: int,
                      emptied: bool) -> int:
        return CUT_GIVE_BACK(self.r, keys.bargain(bargain_id),
                             [helper_id, taken_fen, 1 if emptied else 0])

    def bargain_state(self, bargain_id: int, expected: str, new: str) -> int:
        return BARGAIN_STATE(self.r, keys.bargain(bargain_id), [expected, new])

    def drop_bargain(self, bargain_id: int) -> None:
        self.r.delete(*keys.bargain(bargain_id))


def _cut(reply):
    if isinstance(reply, Exception):
        return reply
    out = CUT_TAKE.outcome(reply)
    if isinstance(out, Exception):
        return out
    return int(reply[0]), int(reply[1]), int(reply[2])


_engines: dict[int, Engine] = {}


def engine_for(client: redis.Redis) -> Engine:
    """One Engine per Redis client."""
    eng = _engines.get(id(client))
    if eng is None or eng.r is not client:
        eng = _engines[id(client)] = Engine(client)
    return eng
