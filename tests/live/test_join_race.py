"""A user banned while joining never ends up in the room: 25 users each
join while the host bans them, all racing in threads (real Redis, real
database); afterwards none of them is online, in the room's Socket.IO
room, or still connected unless their join was refused."""

from __future__ import annotations

import threading
import time

from app.socketio import socketio
from live import push
from live.engine import current as engine
from tests.live.conftest import NS, ack, code, connect

USERS = 25


def test_a_user_banned_while_joining_never_ends_up_in_the_room(app, room, make):
    r = room()
    ids = [make.user(f"fan{i}") for i in range(USERS)]
    fans = [connect(app, uid) for uid in ids]
    hosts = [connect(app, r.host_id) for _ in ids]
    answers: dict[int, dict] = {}
    start = threading.Barrier(2 * USERS)

    def join(i):
        start.wait()
        time.sleep(i % 10 * 0.005)  # spread the joins over the bans' span
        answers[i] = ack(fans[i], "join", {"room_id": r.id})

    def ban(i):
        start.wait()
        assert ack(hosts[i], "ban", {"room_id": r.id, "user_id": ids[i]})["ok"]

    threads = [threading.Thread(target=f, args=(i,)) for i in range(USERS) for f in (join, ban)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    audience = {sid for sid, _ in socketio.server.manager.get_participants(
        NS, push.audience(r.id))}
    for i, uid in enumerate(ids):
        assert engine().sockets_of(r.id, uid) == [], i
        if answers[i].get("ok"):  # joined first: the ban's kick found the socket
            assert not fans[i].is_connected(NS), i
        else:
            assert code(answers[i]) == "banned", answers[i]
        sid = socketio.server.manager.sid_from_eio_sid(fans[i].eio_sid, NS)
        assert sid is None or sid not in audience, i
    assert engine().counters(r.id).online == 0


def test_a_ban_landing_between_the_joins_check_and_its_entry_refuses_the_join(
        app, room, make, monkeypatch):
    """The worst moment, made certain: the ban commits (and its kick looks
    for sockets) after the join checked the database, before the socket is
    recorded; the join script then refuses it."""
    from flask_socketio import join_room, leave_room

    from live import events, viewing

    r = room()
    uid = make.user("alice")
    alice, host = connect(app, uid), connect(app, r.host_id)
    bans = []

    def enter(name):
        if not bans:
            bans.append(ack(host, "ban", {"room_id": r.id, "user_id": uid}))
        join_room(name)
    monkeypatch.setattr(events, "DOOR", viewing.Door(enter=enter, leave=leave_room))
    answer = ack(alice, "join", {"room_id": r.id})
    assert bans[0]["ok"] is True
    assert code(answer) == "banned" or not alice.is_connected(NS), answer
    assert engine().sockets_of(r.id, uid) == []
    sid = socketio.server.manager.sid_from_eio_sid(alice.eio_sid, NS)
    audience = {s for s, _ in socketio.server.manager.get_participants(NS, push.audience(r.id))}
    assert sid not in audience
