"""SQLite's connection setup: WAL mode, and every writing transaction opened
with BEGIN IMMEDIATE, so concurrent writers queue for the one write lock
instead of failing on a lock upgrade; a reading transaction (app.db
`reading()`) opens with a plain BEGIN and `PRAGMA query_only`, reads a
snapshot and never waits for the write lock.

Under gevent the wait for the write lock is cooperative: SQLite's own busy
handler sleeps inside the C call and so freezes the whole process (every
greenlet: sockets, pushes, the other requests) while one transaction
waits for another process to commit; here the BEGIN is tried without a
busy timeout and retried after a gevent-friendly sleep, up to the same
60 s."""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 60_000
FIRST_WAIT_S, LONGEST_WAIT_S = 0.0005, 0.005
READING = "mall_reading"  # the execution option app.db.reading() sets


def setup(engine: Engine, *, cooperative: bool) -> None:
    """Listen on `engine`'s connects and BEGINs (cooperative: under gevent)."""
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        raw = conn.connection.dbapi_connection
        if conn.get_execution_options().get(READING):
            raw.execute("BEGIN")  # a snapshot at the first read; no write lock, no wait
            raw.execute("PRAGMA query_only=ON")
            conn.info[READING] = True
        elif cooperative:
            begin_immediate(raw)
        else:
            raw.execute("BEGIN IMMEDIATE")

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(conn):
        if conn.info.pop(READING, False):
            conn.connection.dbapi_connection.execute("PRAGMA query_only=OFF")


def begin_immediate(raw: sqlite3.Connection, timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock with time.sleep (gevent's,
    when patched: the other greenlets run meanwhile) instead of inside
    SQLite; the last refusal is raised after `timeout_ms`."""
    deadline = time.monotonic() + timeout_ms / 1000
    wait = FIRST_WAIT_S
    raw.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
            time.sleep(wait)
            wait = min(wait * 2, LONGEST_WAIT_S)
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
