"""Tracking events: a package's timeline as its provider pushed it. One row
per (package, time, text): a push replayed, or the whole waybill pushed
again with one new event, stores only what is new."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class TrackingEvent(Base):
    __tablename__ = "tracking_events"
    __table_args__ = (UniqueConstraint("package_id", "at", "context"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    context: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(24), default="")  # app/tracking/rules.py STATES
    location: Mapped[str] = mapped_column(String(100), default="")
    provider: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
