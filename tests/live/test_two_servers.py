"""Several processes: two `python -m app.serve` servers (gevent) on one
database and one Redis, joined by Socket.IO's Redis message queue, a
python-socketio viewer on each over websockets. Chat, pins and flash-sale
stock cross between them, and an RQ job run by `python worker.py --burst`
in a third process reaches a viewer through the queue."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid

import requests

from app.queue import enqueue
from tests.live.conftest import token_of
from tests.live.servers import ROOT, serve, viewer

WAIT_S = 15


class Inbox:
    """Every event a python-socketio client receives on /live and /flashsale."""

    def __init__(self, client, names: list[str]):
        self.got: dict[str, list] = {n: [] for n in names}
        self.cv = threading.Condition()
        for name in names:
            ns = "/flashsale" if name == "stock" else "/live"
            client.on(name, lambda data, name=name: self._add(name, data), namespace=ns)

    def _add(self, name, data):
        with self.cv:
            self.got[name].append(data)
            self.cv.notify_all()

    def wait(self, name: str, count: int) -> list:
        with self.cv:
            self.cv.wait_for(lambda: len(self.got[name]) >= count, timeout=WAIT_S)
            return list(self.got[name])


def _burst_worker(app, channel: str) -> subprocess.CompletedProcess:
    settings = app.extensions["mall.settings"]
    env = dict(os.environ, DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url,
               SECRET_KEY=settings.secret_key, SOCKETIO_MESSAGE_QUEUE=settings.queue_url,
               SOCKETIO_CHANNEL=channel)
    return subprocess.run([sys.executable, "worker.py", "--burst"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_chat_pins_and_stock_cross_two_server_processes(app, room, make, tmp_path):
    r = room()
    alice_id, bob_id = make.user("alice"), make.user("bob")
    channel = f"live-test-{uuid.uuid4().hex}"  # not another run's on a shared Redis
    names = ["chat", "pinned", "sale", "stock"]
    with serve(app, tmp_path, name="a", channel=channel) as a, \
            serve(app, tmp_path, name="b", channel=channel) as b:
        clients = [viewer(a.url, token_of(app, alice_id)), viewer(b.url, token_of(app, bob_id)),
                   viewer(a.url, token_of(app, r.host_id))]
        try:
            alice, bob, host = clients
            on_a, on_b = Inbox(alice, names), Inbox(bob, names)
            for c in clients:
                assert c.call("join", {"room_id": r.id}, namespace="/live",
                              timeout=WAIT_S)["ok"] is True

            said = alice.call("chat", {"room_id": r.id, "text": "hello from A"},
                              namespace="/live", timeout=WAIT_S)
            assert said["ok"] is True
            assert [(m["nickname"], m["text"]) for m in on_b.wait("chat", 1)] == \
                [("alice", "hello from A")]

            assert host.call("pin", {"room_id": r.id, "product_id": r.product_ids[1]},
                             namespace="/live", timeout=WAIT_S)["ok"] is True
            assert [e["product"]["title"] for e in on_b.wait("pinned", 1)] == ["Pu'er"]

            started = host.call("sale_start", {"room_id": r.id, "sku_id": r.sku_ids[0],
                                               "price_fen": 600, "quota": 3, "minutes": 10},
                                namespace="/live", timeout=WAIT_S)
            sale_id = started["sale"]["activity_id"]
            assert [e["sale"]["activity_id"] for e in on_b.wait("sale", 1)] == [sale_id]
            watched = bob.call("watch", {"activity_id": sale_id}, namespace="/flashsale",
                               timeout=WAIT_S)
            assert (watched["ok"], watched["remaining"]) == (True, 3)

            # alice grabs on A; bob, watching on B, sees the stock fall
            headers = {"Authorization": f"Bearer {token_of(app, alice_id)}"}
            token = requests.post(f"{a.url}/mp/v1/flashsales/{sale_id}/token",
                                  headers=headers, timeout=WAIT_S).json()["token"]
            grab = requests.post(f"{a.url}/mp/v1/flashsales/{sale_id}/grab", headers=headers,
                                 json={"token": token, "source": {"room": r.id}},
                                 timeout=WAIT_S)
            assert grab.status_code == 201, grab.text
            stock = on_b.wait("stock", 1)
            assert [(e["activity_id"], e["remaining"], e["sold"]) for e in stock] == \
                [(sale_id, 2, 1)]

            # a third process: an RQ job (the sale's rebuild) pushes the stock
            enqueue(None, "flashsale.jobs.rebuild", sale_id, queue="promotions",
                    job_id=f"fs-rebuild-{sale_id}")
            ran = _burst_worker(app, channel)
            assert ran.returncode == 0, ran.stderr
            assert [(e["remaining"], e["sold"]) for e in on_b.wait("stock", 2)] == \
                [(2, 1), (2, 1)]
            time.sleep(0.3)  # nothing more arrives: one push per change
            assert len(on_b.got["stock"]) == 2
            assert [m["text"] for m in on_a.got["chat"]] == ["hello from A"]
        finally:
            for c in clients:
                c.disconnect()
