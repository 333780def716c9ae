"""SQLite's write lock waited for outside SQLite (app/db_sqlite.py), and
reading transactions that take no write lock; real threads racing on a
real database file."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app import db_sqlite
from app.db import Database


def _conn(path):
    raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    raw.execute("PRAGMA journal_mode=WAL")
    return raw


def test_a_writer_waits_for_the_lock_by_sleeping_and_gets_it(tmp_path, monkeypatch):
    path = str(tmp_path / "x.db")
    holder, waiter = _conn(path), _conn(path)
    holder.execute("CREATE TABLE t (x INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    slept = []
    real_sleep = time.sleep
    monkeypatch.setattr(db_sqlite.time, "sleep", lambda s: slept.append(s) or real_sleep(s))
    done = []

    def wait():
        db_sqlite.begin_immediate(waiter)
        done.append(time.monotonic())
        waiter.execute("INSERT INTO t VALUES (2)")
        waiter.execute("COMMIT")
    t = threading.Thread(target=wait)
    t.start()
    real_sleep(0.3)
    assert done == []  # still waiting, in time.sleep (gevent's under gevent)
    released = time.monotonic()
    holder.execute("INSERT INTO t VALUES (1)")
    holder.execute("COMMIT")
    t.join(5)
    assert done and done[0] >= released
    assert len(slept) > 10 and max(slept) == db_sqlite.LONGEST_WAIT_S
    assert [r[0] for r in holder.execute("SELECT x FROM t ORDER BY x")] == [1, 2]
    assert waiter.execute("PRAGMA busy_timeout").fetchone()[0] == db_sqlite.BUSY_TIMEOUT_MS


def test_a_writer_gives_up_after_its_timeout(tmp_path):
    path = str(tmp_path / "x.db")
    holder, waiter = _conn(path), _conn(path)
    holder.execute("BEGIN IMMEDIATE")
    began = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        db_sqlite.begin_immediate(waiter, timeout_ms=200)
    assert 0.2 <= time.monotonic() - began < 1.0
    assert not waiter.in_transaction


def test_a_reading_transaction_neither_waits_for_a_writer_nor_writes(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'y.db'}")
    with db.transaction() as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
        s.execute(text("INSERT INTO t VALUES (1)"))
    holder = _conn(str(tmp_path / "y.db"))
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (2)")  # not committed: unseen
    began = time.monotonic()
    with db.reading() as s:
        assert s.execute(text("SELECT count(*) FROM t")).scalar() == 1
        with pytest.raises(OperationalError, match="readonly"):
            s.execute(text("INSERT INTO t VALUES (3)"))
    assert time.monotonic() - began < 0.5
    holder.execute("COMMIT")
    with db.transaction() as s:  # the connection writes again after its reading
        s.execute(text("INSERT INTO t VALUES (4)"))
    with db.reading() as s:
        assert [r[0] for r in s.execute(text("SELECT x FROM t ORDER BY x"))] == [1, 2, 4]
    db.dispose()
