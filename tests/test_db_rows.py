"""app/db_rows.py: ids reserved for a batch are fresh and ascending, never
handed out again; rows inserted with the driver are the rows the ORM reads
back, times converted as their column converts them, on either database
(PostgreSQL's many-VALUES statements split past db_rows.PG_ROWS)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from app import db_rows
from app.auth.models import User
from app.db import transaction

USERS = User.__table__
COLUMNS = ("id", "openid", "nickname", "avatar_url", "session_key", "created_at",
           "last_login_at", "token_version")
AT = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def test_reserved_ids_are_fresh_and_rows_read_back_as_written(app):
    n = db_rows.PG_ROWS * 2 + 1
    with transaction() as s:
        conn = s.connection()
        ids = db_rows.reserve_ids(conn, USERS, n)
        assert ids == sorted(set(ids)) and len(ids) == n
        assert ids[0] > (s.scalar(select(func.max(User.id))) or 0)
        db_rows.insert_rows(conn, USERS, COLUMNS, [
            (uid, f"rows-{k}", f"n{k}", "", "", AT + timedelta(seconds=k),
             None if k % 2 else AT, 0) for k, uid in enumerate(ids)])
    with transaction() as s:
        users = s.scalars(select(User).where(User.id.in_(ids)).order_by(User.id)).all()
        assert [(u.openid, u.created_at, u.last_login_at) for u in users] == [
            (f"rows-{k}", AT + timedelta(seconds=k), None if k % 2 else AT)
            for k in range(n)]
        later = db_rows.reserve_ids(s.connection(), USERS, 2)
    assert later[0] > ids[-1]
    with transaction() as s:
        s.add(User(openid="orm", created_at=AT))
        s.flush()
        assert s.scalar(select(User.id).where(User.openid == "orm")) > ids[-1]
