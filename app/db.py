"""One SQLAlchemy engine per app; the view, socket handler or job owns the
transaction through `transaction()`; services never commit.

SQLite (the embedded default) runs in WAL mode and opens every writing
transaction with BEGIN IMMEDIATE, so concurrent writers queue for the write
lock instead of failing on a lock upgrade; `reading()` is a transaction
that only reads and never waits for that lock (app/db_sqlite.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from flask import current_app
from sqlalchemy import (
    BigInteger,
    DateTime,
    Integer,
    MetaData,
    Select,
    create_engine,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from app import db_sqlite
from app.clock import as_utc

log = logging.getLogger(__name__)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT ids on PostgreSQL, INTEGER (rowid alias, autoincrement) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in and out, also on SQLite (which stores naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use app.clock")
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def normalise_url(url: str) -> str:
    """postgres:// and postgresql:// use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        # Under gevent a writer waits for SQLite's write lock cooperatively
        # (app/db_sqlite.py), so a few connections per process let readers
        # go on while a writer waits.
        cooperative = _greenlets()
        engine = create_engine(url, pool_size=8 if cooperative else 20,
                               max_overflow=0 if cooperative else 40, pool_timeout=60,
                               connect_args={"timeout": 60, "check_same_thread": False})
        db_sqlite.setup(engine, cooperative=cooperative)
        return engine
    return create_engine(url, pool_size=10, max_overflow=40, pool_timeout=60,
                         pool_pre_ping=True)


def _greenlets() -> bool:
    try:
        from gevent import monkey
    except ImportError:
        return False
    return monkey.is_module_patched("threading")


class Database:
    def __init__(self, url: str):
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Commit on success, roll back on any error (the commit's own
        included); then run the after-commit hooks, or the after-rollback
        ones (undoing what was done outside the database)."""
        session = self.sessions()
        committed = False
        try:
            with session.begin():
                yield session
            committed = True
        finally:
            hooks = session.info.pop("after_commit", []) if committed else \
                list(reversed(session.info.pop("after_rollback", [])))
            session.info.clear()
            session.close()
            for hook in hooks:
                try:
                    hook()
                except Exception:  # committed already: the sweeps catch a lost timer
                    log.exception("%s hook failed",
                                  "after-commit" if committed else "after-rollback")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: one consistent snapshot, ended by
        a rollback. On SQLite it takes no write lock (a write in it fails),
        so it never queues behind writers; no hooks run after it."""
        session = self.sessions()
        try:
            session.connection(execution_options={db_sqlite.READING: True})
            yield session
        finally:
            session.info.clear()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def db() -> Database:
    return current_app.extensions["mall.db"]


@contextmanager
def transaction() -> Iterator[Session]:
    with db().transaction() as session:
        yield session


@contextmanager
def reading() -> Iterator[Session]:
    """Database.reading() of the app's database."""
    with db().reading() as session:
        yield session


def paginate(session: Session, stmt: Select, *, order_by, page: int,
             per_page: int) -> tuple[list, int]:
    """One page of `stmt` (1-based) and the total row count."""
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.scalars(stmt.order_by(order_by).limit(per_page).offset((page - 1) * per_page))
    return list(rows), total


def insert_ignoring(session: Session, model):
    """INSERT ... ON CONFLICT DO NOTHING for `model` (or a Table), on SQLite
    and PostgreSQL alike; add `.values(...)`, or execute it with many rows."""
    table = getattr(model, "__table__", model)
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing()


def insert_ignore(session: Session, model, **values) -> bool:
    """One row, INSERT ... ON CONFLICT DO NOTHING; True if this call
    inserted it. For idempotency keys that racing writers both try."""
    stmt = insert_ignoring(session, model).values(**values) \
        .returning(*model.__table__.primary_key.columns)
    return session.execute(stmt).first() is not None  # rowcount is -1 on psycopg here


def after_commit(session: Session, hook: Callable[[], None]) -> None:
    """Run `hook` once the surrounding transaction has committed (never on rollback).
    A failing hook is logged, not raised: the commit stands, so the request
    succeeded; periodic sweeps redo what a lost job would have done."""
    session.info.setdefault("after_commit", []).append(hook)


def after_rollback(session: Session, hook: Callable[[], None]) -> None:
    """Run `hook` if the surrounding transaction does not commit (an error in
    it, or the commit failing): the one way to give back what Redis already
    granted (a seat, a cut, a flash sale's units). Hooks run last first, as
    an undo does; a failing hook is logged, not raised (the transaction's
    error is), and the rebuild from the database puts Redis right."""
    session.info.setdefault("after_rollback", []).append(hook)


@contextmanager
def savepoint(session: Session) -> Iterator[Session]:
    """A savepoint inside the caller's transaction: an error in it rolls
    back its writes alone and, with them, the after-commit hooks it added
    (they are dropped) and the after-rollback ones (they run now, last
    first); then the error is raised. For a batch whose items must fail
    alone (outbox handlers, a batch of payment notices)."""
    commits = len(session.info.get("after_commit", []))
    rollbacks = len(session.info.get("after_rollback", []))
    try:
        with session.begin_nested():
            yield session
    except BaseException:
        del session.info.setdefault("after_commit", [])[commits:]
        undo = session.info.setdefault("after_rollback", [])
        added, undo[rollbacks:] = undo[rollbacks:], []
        for hook in reversed(added):
            try:
                hook()
            except Exception:
                log.exception("after-rollback hook failed")
        raise
