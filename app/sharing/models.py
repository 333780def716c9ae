"""A share: kind, target, sharer, channel and expiry behind a unique scene
code; scans counted with an atomic update."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class Share(Base):
    __tablename__ = "shares"
    __table_args__ = (
        Index("ix_shares_sharer_kind_target", "sharer_id", "kind", "target_id", "channel"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    scene: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    # None for an invite: its target is the sharer
    target_id: Mapped[int | None] = mapped_column(BigId)
    sharer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    scans: Mapped[int] = mapped_column(Integer, default=0)
    last_scanned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
