"""Chat, announcements and moderation. Chat: 1..200 characters, no blocked
word, one message per 2 s per user, muted and banned users refused; every
message is kept for the replay. Staff cannot be muted, kicked or banned.
Mutes, kicks and bans are kept in the database, and Redis is loaded from it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import after_commit
from live import errors, rooms, rules
from live.engine import Engine
from live.models import LiveMessage, LiveRoom, Moderation


def _text(text: str) -> str:
    try:
        return rules.check_chat(text)
    except rules.Refused as exc:
        raise errors.from_rule(exc) from exc


def present(message: LiveMessage, nickname: str) -> dict:
    return {"id": message.id, "kind": message.kind, "user_id": message.user_id,
            "nickname": nickname, "text": message.text, "at": message.created_at.isoformat()}


def chat(session: Session, engine: Engine, *, room_id: int, user_id: int, nickname: str,
         text: str, now: datetime) -> dict:
    text = _text(text)
    room = rooms.get(session, room_id)
    if not rules.open_for_chat(room.state):
        raise errors.RoomEnded()
    engine.chat(room_id, user_id, int(now.timestamp() * 1000))
    message = LiveMessage(room_id=room_id, user_id=user_id, kind="chat", text=text,
                          created_at=now)
    session.add(message)
    session.flush()
    return present(message, nickname)


def announce(session: Session, room: LiveRoom, *, user_id: int, text: str,
             now: datetime) -> dict:
    message = LiveMessage(room_id=room.id, user_id=user_id, kind="announcement",
                          text=_text(text), created_at=now)
    session.add(message)
    session.flush()
    return present(message, "")


def recent(session: Session, room_id: int, limit: int = rules.SNAPSHOT_MESSAGES,
           before_id: int | None = None) -> list[dict]:
    """The last `limit` messages (before `before_id`), oldest first."""
    stmt = (select(LiveMessage, User.nickname).outerjoin(User, User.id == LiveMessage.user_id)
            .where(LiveMessage.room_id == room_id))
    if before_id is not None:
        stmt = stmt.where(LiveMessage.id < before_id)
    rows = session.execute(stmt.order_by(LiveMessage.id.desc()).limit(limit)).all()
    return [present(m, "" if m.kind == "announcement" else nick or "")
            for m, nick in reversed(rows)]


def _target(session: Session, room: LiveRoom, user_id: int) -> None:
    if session.get(User, user_id) is None:
        raise errors.UserNotFound(details={"user_id": user_id})
    if rooms.is_staff(session, room.id, user_id):
        raise errors.CannotModerateStaff()


def _record(session: Session, room: LiveRoom, user_id: int, action: str,
            until: datetime | None, by_id: int, now: datetime) -> None:
    row = session.scalar(select(Moderation).where(
        Moderation.room_id == room.id, Moderation.user_id == user_id,
        Moderation.action == action))
    if row is None:
        session.add(Moderation(room_id=room.id, user_id=user_id, action=action, until=until,
                               by_id=by_id, created_at=now))
    else:
        row.until, row.by_id, row.created_at = until, by_id, now
    session.flush()


def mute(session: Session, engine: Engine, room: LiveRoom, *, user_id: int, by_id: int,
         minutes: int | None, now: datetime) -> int:
    """Mute for `minutes` (None: until lifted); returns until in ms (0: until lifted)."""
    _target(session, room, user_id)
    until_ms = rules.muted_until_ms(int(now.timestamp() * 1000), minutes)
    until = datetime.fromtimestamp(until_ms / 1000, now.tzinfo) if until_ms else None
    _record(session, room, user_id, "mute", until, by_id, now)
    after_commit(session, lambda: engine.mute(room.id, user_id, until_ms))
    return until_ms


def unmute(session: Session, engine: Engine, room: LiveRoom, *, user_id: int) -> None:
    row = session.scalar(select(Moderation).where(
        Moderation.room_id == room.id, Moderation.user_id == user_id,
        Moderation.action == "mute"))
    if row is not None:
        session.delete(row)
    after_commit(session, lambda: engine.unmute(room.id, user_id))


def ban(session: Session, engine: Engine, room: LiveRoom, *, user_id: int, by_id: int,
        now: datetime) -> None:
    _target(session, room, user_id)
    _record(session, room, user_id, "ban", None, by_id, now)
    after_commit(session, lambda: engine.ban(room.id, user_id))


def kick(session: Session, engine: Engine, room: LiveRoom, *, user_id: int, by_id: int,
         now: datetime) -> int:
    """The user may come back KICK_COOLOFF_MS from now; returns that time in ms."""
    _target(session, room, user_id)
    until_ms = rules.to_ms(now) + rules.KICK_COOLOFF_MS
    until = datetime.fromtimestamp(until_ms / 1000, now.tzinfo)
    _record(session, room, user_id, "kick", until, by_id, now)
    after_commit(session, lambda: engine.kick(room.id, user_id, until_ms))
    return until_ms


def is_banned(session: Session, room_id: int, user_id: int) -> bool:
    return session.scalar(select(Moderation.id).where(
        Moderation.room_id == room_id, Moderation.user_id == user_id,
        Moderation.action == "ban")) is not None
