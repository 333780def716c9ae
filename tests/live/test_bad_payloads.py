"""Bad payloads on every /live event (not an object, missing fields, wrong
types, huge numbers and text, unknown fields, unknown rooms) are answered
with an error acknowledgement with a stable code; the connection and the
room keep working."""

from __future__ import annotations

import re

import pytest

from live.push import NAMESPACE
from tests.live.conftest import ack, connect

STABLE = re.compile(r"[a-z]+(?:_[a-z]+)*")
HUGE_TEXT = "x" * 200_000
OPTIONAL = {"count"}

VALID = {
    "join": {}, "leave": {}, "chat": {"text": "hi"}, "like": {"count": 1},
    "claim": {"drop_id": 1}, "pin": {"product_id": 1}, "reorder": {"product_ids": [1]},
    "sale_start": {"sku_id": 1, "price_fen": 100, "quota": 1, "minutes": 5},
    "sale_stop": {"activity_id": 1}, "coupon_drop": {"amount_fen": 100, "quantity": 1},
    "lottery_open": {"prize": "Cup", "winners": 1, "qualify": "like"},
    "lottery_draw": {"lottery_id": 1},
    "announce": {"text": "hello"}, "mute": {"user_id": 1}, "unmute": {"user_id": 1},
    "kick": {"user_id": 1}, "ban": {"user_id": 1}, "set_state": {"state": "paused"},
}


def test_every_event_is_covered(app):
    from app.socketio import socketio

    registered = set(socketio.server.handlers[NAMESPACE]) - {"connect", "disconnect"}
    assert registered == set(VALID)


def _bad_payloads(event: str, room_id: int) -> list:
    valid = {"room_id": room_id, **VALID[event]}
    bad = [None, "room", 5, [valid], {}, {**valid, "extra": 1}, {**valid, "room_id": "1"},
           {**valid, "room_id": True}, {**valid, "room_id": 2**70}, {**valid, "room_id": -1},
           {**valid, "room_id": 999_999}]
    for field, value in VALID[event].items():
        missing = {k: v for k, v in valid.items() if k != field}
        bad += [] if field in OPTIONAL else [missing]
        bad += [ {**valid, field: [value]}, {**valid, field: {"x": value}},
                {**valid, field: HUGE_TEXT if not isinstance(value, str) else 5},
                {**valid, field: 10**30 if not isinstance(value, str) else HUGE_TEXT}]
    return bad


@pytest.mark.parametrize("as_host", [False, True], ids=["viewer", "host"])
def test_bad_payloads_get_error_acks_and_the_room_keeps_working(app, room, make, as_host):
    r = room()
    who = r.host_id if as_host else make.user("alice")
    c = connect(app, who)
    ack(c, "join", {"room_id": r.id})
    problems = []
    for event in VALID:
        for payload in _bad_payloads(event, r.id):
            if event == "join" and payload == {"room_id": 999_999}:
                continue  # leaves the room; checked below
            answer = ack(c, event, payload)
            err = answer.get("error") if isinstance(answer, dict) else None
            if not err or not STABLE.fullmatch(err["code"]) or err["code"] == "internal_error":
                problems.append((event, str(payload)[:80], str(answer)[:200]))
    assert not problems, problems[:5]
    assert c.is_connected(NAMESPACE)
    other = connect(app, make.user("bob"))
    snap = ack(other, "join", {"room_id": r.id})
    assert snap["ok"] and snap["room"]["state"] == "live"
    assert ack(other, "chat", {"room_id": r.id, "text": "still here"})["ok"]
    assert ack(c, "join", {"room_id": 999_999})["error"]["code"] == "room_not_found"
