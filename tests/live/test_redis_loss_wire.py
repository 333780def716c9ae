"""A live room survives an empty Redis, over the wire: a real `python -m
app.serve` process (gevent) on the test database and Redis, python-socketio
clients over loopback, and Redis flushed (FLUSHDB: the suite may share a
Redis) just before each call. Every call answers as if nothing happened
(the room or drop is loaded again from the database and the call runs once
more); within one presence beat online counts everyone again; mutes, kicks
and bans hold; no like or coupon is lost or counted twice."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from app.coupons.models import UserCoupon
from app.db import transaction
from live.engine import current as engine
from live.models import CouponClaim, LiveMessage, LiveRoom
from tests.live.conftest import token_of
from tests.live.servers import disconnect_all, serve, socket_client, viewer
from tests.live.test_two_servers import WAIT_S, Inbox

TTL_MS = 1500  # the server's beat: every 0.5 s
BEAT_S = TTL_MS / 3000
ENV = {"LIVE_PRESENCE_TTL_MS": str(TTL_MS)}


def call(client, event: str, data: dict) -> dict:
    return client.call(event, data, namespace="/live", timeout=WAIT_S)


def outcome(answer: dict):
    return True if answer.get("ok") else answer["error"]["code"]


def wait_for(read, wanted, timeout_s: float = WAIT_S):
    deadline = time.monotonic() + timeout_s
    while (got := read()) != wanted and time.monotonic() < deadline:
        time.sleep(0.05)
    return got


def room_row(room_id: int) -> LiveRoom:
    with transaction() as s:
        return s.get(LiveRoom, room_id)


def test_chat_like_claim_pin_and_the_snapshot_each_survive_a_flush_just_before_them(
        app, room, make, redis, tmp_path):
    r = room()
    ids = {n: make.user(n) for n in ("alice", "bob", "carol", "dave")}
    with serve(app, tmp_path, extra_env=ENV) as server:
        host = viewer(server.url, token_of(app, r.host_id))
        fans = {n: viewer(server.url, token_of(app, ids[n])) for n in ("alice", "bob", "carol")}
        inbox = Inbox(fans["bob"], ["chat", "pinned", "coupon_left"])
        clients = [host, *fans.values()]
        try:
            for c in clients:  # the snapshot
                redis.flushdb()
                assert call(c, "join", {"room_id": r.id})["ok"] is True
            counted = 0
            for name, taps in (("alice", 5), ("bob", 7), ("alice", 4)):
                redis.flushdb()
                got = call(fans[name], "like", {"room_id": r.id, "count": taps})
                assert (got["ok"], got["counted"], got["likes"]) == (True, taps, counted + taps)
                counted += taps
            redis.flushdb()
            said = call(fans["alice"], "chat", {"room_id": r.id, "text": "still here"})
            assert outcome(said) is True
            assert [m["text"] for m in inbox.wait("chat", 1)] == ["still here"]
            redis.flushdb()
            pinned = call(host, "pin", {"room_id": r.id, "product_id": r.product_ids[1]})
            assert pinned["ok"] is True
            assert [e["product"]["title"] for e in inbox.wait("pinned", 1)] == ["Pu'er"]
            drop = call(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300,
                                               "quantity": 2})["drop"]
            claims = []
            for name in ("alice", "alice", "bob", "carol"):
                redis.flushdb()
                claims.append(outcome(call(fans[name], "claim",
                                           {"room_id": r.id, "drop_id": drop["id"]})))
            assert claims == [True, "coupon_already_claimed", True, "coupon_gone"]

            redis.flushdb()  # a late viewer's snapshot has it all
            dave = viewer(server.url, token_of(app, ids["dave"]))
            clients.append(dave)
            snap = call(dave, "join", {"room_id": r.id})
            assert (snap["likes"], snap["pinned"]["title"], snap["coupons"]) == \
                (counted, "Pu'er", [])
            assert [m["text"] for m in snap["messages"]] == ["still here"]
            assert call(host, "set_state", {"room_id": r.id, "state": "ended"})["ok"]
            # the server writes its like batches at each beat
            assert wait_for(lambda: room_row(r.id).likes_flushed, counted) == counted
        finally:
            disconnect_all(clients)
    row = room_row(r.id)
    assert (row.likes, row.likes_flushed, row.messages) == (counted, counted, 1)
    with transaction() as s:
        claimed = s.scalars(select(CouponClaim.user_id).order_by(CouponClaim.user_id)).all()
        held = s.scalar(select(func.count()).select_from(UserCoupon))
        said = s.scalar(select(func.count()).select_from(LiveMessage))
    assert (claimed, held, said) == (sorted([ids["alice"], ids["bob"]]), 2, 1)


def test_a_room_of_8_sockets_is_whole_again_within_one_beat_of_a_flush(
        app, room, make, redis, tmp_path):
    """8 people (the host, 4 users, 3 guests with their keys); a muted user,
    a kicked one and a banned one; likes. Flushed: within one beat of the
    server online is 8 again (and the room is told), the muted user is still
    refused, the kicked and banned ones cannot come back, likes never fell."""
    r = room()
    users = [make.user(f"fan{i}") for i in range(4)]
    kim, bo = make.user("kim"), make.user("bo")
    with serve(app, tmp_path, extra_env=ENV) as server:
        host = viewer(server.url, token_of(app, r.host_id))
        fans = [viewer(server.url, token_of(app, u)) for u in users]
        guests = [viewer_as_guest(server.url, f"guest-key-{i}") for i in range(3)]
        extra = [viewer(server.url, token_of(app, u)) for u in (kim, bo)]
        clients = [host, *fans, *guests, *extra]
        inbox = Inbox(guests[0], ["counters"])
        try:
            for c in clients:
                assert call(c, "join", {"room_id": r.id})["ok"] is True
            assert call(host, "mute", {"room_id": r.id, "user_id": users[0],
                                       "minutes": None})["ok"]
            assert call(host, "kick", {"room_id": r.id, "user_id": kim})["ok"]
            assert call(host, "ban", {"room_id": r.id, "user_id": bo})["ok"]
            for fan, taps in zip(fans[1:], (5, 9, 3), strict=True):
                assert call(fan, "like", {"room_id": r.id, "count": taps})["counted"] == taps
            assert wait_for(lambda: engine().counters(r.id).online, 8) == 8
            before = engine().counters(r.id)

            redis.flushdb()
            flushed_at = time.monotonic()
            assert wait_for(lambda: engine().counters(r.id).online, 8) == 8
            healed_s = time.monotonic() - flushed_at
            assert healed_s < BEAT_S + 1.0, healed_s  # one beat, and a loaded machine's slack
            after = engine().counters(r.id)
            assert (after.likes, after.peak) == (before.likes, before.peak)
            assert (before.likes, before.peak) == (17, 10)  # kim and bo were there
            told = wait_for(lambda: [c["online"] for c in inbox.got["counters"]][-1:], [8])
            assert told == [8]  # the room heard it
            assert outcome(call(fans[0], "chat", {"room_id": r.id, "text": "hi"})) == "muted"
            assert outcome(call(fans[1], "chat", {"room_id": r.id, "text": "hi"})) is True
            for user_id, refused in ((kim, "kicked"), (bo, "banned")):
                back = viewer(server.url, token_of(app, user_id))
                clients.append(back)
                assert outcome(call(back, "join", {"room_id": r.id})) == refused
            assert call(fans[2], "like", {"room_id": r.id, "count": 2})["likes"] == 19
            assert wait_for(lambda: room_row(r.id).likes_flushed, 19) == 19
        finally:
            disconnect_all(clients)
    print(f"\nonline whole again {healed_s * 1000:.0f} ms after the flush "
          f"(beat every {BEAT_S * 1000:.0f} ms)")


def viewer_as_guest(url: str, key: str):
    """A python-socketio guest that keeps a guest key, as the pages do."""

    client = socket_client(reconnection=False)
    client.connect(url, namespaces=["/live"], transports=["websocket"], auth={"guest": key},
                   wait_timeout=10)
    return client
