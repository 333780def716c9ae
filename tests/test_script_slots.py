"""Redis Cluster runs a script only when all its keys hash to one slot.
Every Lua file in the project is registered as a Script, and each runs here
once through its engine with its keys checked (tests/script_slots.py checks
every other call of the suite the same way)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app import clock, ratelimit
from app.console_auth import tickets
from app.scripts import Script
from flashsale import engine as flash
from groupbuy import engine as group
from live import engine as live
from tests import script_slots

ROOT = Path(__file__).resolve().parent.parent
MODULES = (flash, group, live, tickets, ratelimit)


def registered() -> dict[str, Script]:
    return {s.name: s for m in MODULES for s in vars(m).values() if isinstance(s, Script)}


def test_every_lua_file_is_a_registered_script():
    files = sorted(p for p in ROOT.rglob("*.lua")
                   if not {".venv", "node_modules", "vendor"} & set(p.parts))
    assert len(files) == 28
    assert sorted(s.source for s in registered().values()) == \
        sorted(p.read_text() for p in files)


def test_keys_in_two_slots_are_refused():
    grab = registered()["grab"]
    script_slots.check(grab, ["{fs:1}:meta", "{fs:1}:stock"])
    with pytest.raises(AssertionError, match="span 2 hash slots"):
        script_slots.check(grab, ["{fs:1}:meta", "{fs:2}:stock"])


def _run(call):
    """One engine call on an empty Redis: its domain answer does not matter,
    only that the keys passed the slot check."""
    try:
        call()
    except AssertionError:
        raise
    except Exception:  # noqa: BLE001  refused for want of state: the script ran
        pass


def test_every_script_keeps_its_keys_in_one_slot(redis):
    script_slots.seen.clear()
    now = clock.now()
    ms = clock.to_ms(now)
    later = now + timedelta(hours=1)
    f = flash.Engine(redis)
    _run(lambda: f.load(7, status="live", per_user=2, per_order=1, quota=10,
                        intervals_ms=[(ms - 1000, ms + 60_000)], remaining=10,
                        max_grab_no=0, users={}, returned=[], written=[]))
    _run(lambda: f.grab(7, 31, 1, "token", ms))
    _run(lambda: f.confirm(7, [1]))
    _run(lambda: f.abort(7, 1))
    _run(lambda: f.give_back(7, 1, 31, 1))
    _run(lambda: f.close(7, "ended"))
    g = group.Engine(redis)
    _run(lambda: g.load_group(8, size=2, expires_at=later, state="open", held=[],
                              paid=[], now=now))
    _run(lambda: g.hold(8, 31, 100, now))
    _run(lambda: g.confirm(8, 31, 100, now))
    _run(lambda: g.release(8, 31, 100))
    _run(lambda: g.close(8, "failed"))
    _run(lambda: g.load_bargain(9, starter_id=31, expires_at=later, state="open",
                                cuts=[50, 50], helpers=[], now=now))
    _run(lambda: g.take_cut(9, 32, now))
    _run(lambda: g.give_back_cut(9, 32, 50, False))
    _run(lambda: g.bargain_state(9, "open", "done"))
    v = live.Engine(redis)
    _run(lambda: v.load_room(5, "e1", floor=0, seen=0, messages=0, peak=0, keep_ms=60_000,
                             mutes=[], bans=[], kicks=[], viewers=[], likers=[]))
    _run(lambda: v.join(5, "sid1", "u31", 31, now_ms=ms, ttl_ms=15_000))
    _run(lambda: v.beat(5, [("sid1", "u31")], 15_000, "e1"))
    _run(lambda: v.chat(5, 31, ms))
    _run(lambda: v.like(5, 31, 3))
    _run(lambda: v.credit(5, "e1", likes=3, peak=1, viewers=[31], likers=[31]))
    _run(lambda: v.counters(5))
    _run(lambda: v.load_drop(5, 6, 10, []))
    _run(lambda: v.claim(5, 6, 31))
    _run(lambda: v.unclaim(5, 6, 31))
    _run(lambda: v.leave(5, "sid1"))
    _run(lambda: v.end(5, [6]))
    ticket = tickets.create(redis, now)
    _run(lambda: tickets.scan(redis, ticket.ticket, now))
    _run(lambda: ratelimit.TAKE(redis, ["ratelimit:LIMITER/share/ip/-/30/1/minute"],
                                ["1.5", 30, 60]))
    assert script_slots.seen == set(registered())
