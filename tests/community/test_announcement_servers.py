"""End to end: two `python -m app.serve` processes joined by the Redis
message queue; a member connected to one over a real websocket hears an
announcement posted through the other at once."""

from __future__ import annotations

import threading
import uuid

import requests

from tests.live.servers import serve, socket_client

WAIT_S = 15


def test_an_announcement_posted_on_one_server_reaches_a_member_on_another(app, hood, tmp_path):
    c = hood.community()
    hood.join("bob", c)
    olga, bob = hood.login("olga"), hood.login("bob")
    channel = f"community-test-{uuid.uuid4().hex}"
    got, arrived = [], threading.Event()
    with serve(app, tmp_path, name="a", channel=channel) as a, \
            serve(app, tmp_path, name="b", channel=channel) as b:
        member = socket_client(reconnection=False)
        member.on("announcement", lambda data: (got.append(data), arrived.set()))
        member.connect(b.url, transports=["websocket"], wait_timeout=10,
                       auth={"token": bob["Authorization"].split()[1]})
        try:
            resp = requests.post(f"{a.url}/mp/v1/communities/{c['id']}/announcements",
                                 headers=olga, json={"title": "Tea day", "body": "At nine"},
                                 timeout=30)
            assert resp.status_code == 201, resp.text
            assert arrived.wait(WAIT_S), a.output()[-2000:]
        finally:
            member.disconnect()
    assert [(g["title"], g["community_id"], g["announcement_id"]) for g in got] == \
        [("Tea day", c["id"], resp.json()["id"])]
