"""Rooms, states, the join snapshot (the same on reconnect), chat rules and
the replay, pins and the shelf, over Socket.IO test clients."""

from __future__ import annotations

from tests import redis_keys
from tests.live.conftest import NS, ack, code, connect, events


def test_room_moves_scheduled_live_paused_live_ended_and_ended_is_final(app, room):
    r = room(live=False)
    host = connect(app, r.host_id)
    steps = [("paused", "room_illegal_state"), ("live", None), ("paused", None),
             ("live", None), ("ended", None), ("live", "room_illegal_state")]
    for state, refused in steps:
        answer = ack(host, "set_state", {"room_id": r.id, "state": state})
        if refused:
            assert code(answer) == refused, (state, answer)
        else:
            assert answer["state"] == state, answer


def test_join_snapshot_has_state_shelf_pinned_messages_likes_online_sales(app, room, make):
    r = room()
    host = connect(app, r.host_id)
    assert ack(host, "pin", {"room_id": r.id, "product_id": r.product_ids[1]})["ok"]
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    assert ack(alice, "chat", {"room_id": r.id, "text": "  hello  "})["message"]["text"] == "hello"
    assert ack(alice, "like", {"room_id": r.id, "count": 3}) == \
        {"ok": True, "likes": 3, "counted": 3}

    bob = connect(app, make.user("bob"))
    snap = ack(bob, "join", {"room_id": r.id})
    assert snap["room"]["state"] == "live" and snap["room"]["title"] == "Tea live"
    assert "push_url" not in snap["room"]
    assert f"/cdn/live/room{r.id}.m3u8?txSecret=" in snap["room"]["pull_url"]
    assert snap["room"]["host_nickname"] == "host"
    assert [p["product_id"] for p in snap["shelf"]] == r.product_ids
    assert [s["price_fen"] for s in snap["shelf"][0]["skus"]] == [1000, 1500]
    assert snap["pinned"]["product_id"] == r.product_ids[1]
    assert [(m["nickname"], m["text"]) for m in snap["messages"]] == [("alice", "hello")]
    assert (snap["likes"], snap["online"], snap["sales"], snap["coupons"]) == (3, 2, [], [])
    assert snap["me"] == {"user_id": make.user("bob"), "staff": False, "guest": False}

    bob.disconnect(namespace=NS)
    again = connect(app, make.user("bob"))
    resnap = ack(again, "join", {"room_id": r.id})
    assert {k: resnap[k] for k in ("room", "shelf", "pinned", "messages", "likes", "online")} \
        == {k: snap[k] for k in ("room", "shelf", "pinned", "messages", "likes", "online")}


def test_snapshot_keeps_the_last_50_messages_oldest_first(app, room, make, redis):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    for i in range(55):
        redis.delete(*redis_keys.matching(redis, "{live:*}:chat:*") or ["none"])
        assert ack(alice, "chat", {"room_id": r.id, "text": f"m{i}"})["ok"]
    snap = ack(connect(app), "join", {"room_id": r.id})
    assert [m["text"] for m in snap["messages"]] == [f"m{i}" for i in range(5, 55)]


def test_guest_may_watch_read_only(app, room):
    r = room()
    guest = connect(app)
    snap = ack(guest, "join", {"room_id": r.id})
    assert snap["me"] == {"user_id": None, "staff": False, "guest": True}
    for event, data in [("chat", {"text": "hi"}), ("like", {}), ("claim", {"drop_id": 1}),
                        ("pin", {"product_id": r.product_ids[0]})]:
        assert code(ack(guest, event, {"room_id": r.id, **data})) == "guest_read_only", event


def test_a_bad_token_is_refused_at_connect(app):
    from app.socketio import socketio

    bad = socketio.test_client(app, namespace=NS, auth={"token": "forged"})
    assert not bad.is_connected(NS)


def test_chat_over_200_characters_blocked_words_and_empty_are_refused(app, room, make):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    assert code(ack(alice, "chat", {"room_id": r.id, "text": "x" * 201})) == "message_too_long"
    assert code(ack(alice, "chat", {"room_id": r.id, "text": "  "})) == "message_empty"
    assert code(ack(alice, "chat", {"room_id": r.id, "text": "a SCAM deal"})) == \
        "message_blocked"
    assert ack(alice, "chat", {"room_id": r.id, "text": "y" * 200})["ok"]


def test_over_rate_user_is_told_to_wait(app, room, make):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    assert ack(alice, "chat", {"room_id": r.id, "text": "one"})["ok"]
    answer = ack(alice, "chat", {"room_id": r.id, "text": "two"})
    assert code(answer) == "chat_rate_limited"
    assert 0 < answer["error"]["details"]["retry_after_ms"] <= 2000


def test_muted_users_messages_are_refused_until_unmuted(app, room, make):
    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    answer = ack(host, "mute", {"room_id": r.id, "user_id": make.user("alice"), "minutes": 10})
    assert answer["ok"] and answer["until_ms"] > 0
    assert [e["user_id"] for e in events(alice, "muted")] == [make.user("alice")]
    refused = ack(alice, "chat", {"room_id": r.id, "text": "let me talk"})
    assert code(refused) == "muted"
    assert refused["error"]["details"]["until_ms"] == answer["until_ms"]
    assert ack(host, "unmute", {"room_id": r.id, "user_id": make.user("alice")})["ok"]
    assert ack(alice, "chat", {"room_id": r.id, "text": "thanks"})["ok"]


def test_banned_user_is_kicked_and_cannot_rejoin_or_chat(app, room, make):
    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    assert ack(host, "ban", {"room_id": r.id, "user_id": make.user("alice")})["connections"] == 1
    assert not alice.is_connected(NS)
    again = connect(app, make.user("alice"))
    assert code(ack(again, "join", {"room_id": r.id})) == "banned"


def test_a_kicked_user_may_come_back_only_after_10_minutes(app, room, make):
    from datetime import timedelta

    from app import clock

    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    assert ack(host, "kick", {"room_id": r.id, "user_id": make.user("alice")})["connections"] == 1
    assert not alice.is_connected(NS)
    again = connect(app, make.user("alice"))
    refused = ack(again, "join", {"room_id": r.id})
    assert code(refused) == "kicked"
    assert refused["error"]["details"]["until_ms"] == \
        int((clock.now() + timedelta(minutes=10)).timestamp() * 1000)
    clock.advance(timedelta(minutes=10))
    assert ack(again, "join", {"room_id": r.id})["ok"]


def test_chat_reaches_everyone_and_is_kept_for_replay(app, client, room, make):
    r = room()
    alice, bob = connect(app, make.user("alice")), connect(app, make.user("bob"))
    for c in (alice, bob):
        ack(c, "join", {"room_id": r.id})
    sent = ack(alice, "chat", {"room_id": r.id, "text": "is it fresh?"})["message"]
    assert events(bob, "chat") == [sent]
    replay = client.get(f"/mp/v1/live/rooms/{r.id}/messages").json["items"]
    assert [(m["user_id"], m["text"]) for m in replay] == [(make.user("alice"), "is it fresh?")]


def test_pin_reorder_and_announcement_reach_viewers(app, room, make):
    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    ack(host, "pin", {"room_id": r.id, "product_id": r.product_ids[0]})
    ack(host, "reorder", {"room_id": r.id, "product_ids": r.product_ids[::-1]})
    ack(host, "announce", {"room_id": r.id, "text": "Free shipping tonight"})
    assert [e["product"]["product_id"] for e in events(alice, "pinned")] == [r.product_ids[0]]
    assert code(ack(host, "pin", {"room_id": r.id, "product_id": 999999})) == "not_on_shelf"
    assert code(ack(host, "reorder", {"room_id": r.id, "product_ids": r.product_ids[:1]})) \
        == "invalid_shelf_order"
    snap = ack(connect(app), "join", {"room_id": r.id})
    assert [p["product_id"] for p in snap["shelf"]] == r.product_ids[::-1]
    assert snap["messages"][-1]["kind"] == "announcement"
