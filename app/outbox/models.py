"""The outbox tables.

- OutboxEvent: one domain event (app/events.py), written in the transaction
  of the change it tells of. `done_at` is set once every handler applied;
  `next_at` is when the sweep may dispatch it again (a lost job, or a
  failing handler backing off); `attempts` and `last_error` are for people.
- HandlerApplied: (event, handler) once that handler took effect, written in
  the handler's own transaction: the key that makes each apply once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class OutboxEvent(Base):
    __tablename__ = "outbox_events"
    __table_args__ = (Index("ix_outbox_events_pending", "done_at", "next_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    stream: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))


class HandlerApplied(Base):
    __tablename__ = "outbox_applied"

    event_id: Mapped[int] = mapped_column(ForeignKey("outbox_events.id"), primary_key=True)
    handler: Mapped[str] = mapped_column(String(64), primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime)
