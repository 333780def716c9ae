"""Live rooms and what happens in them: shelf, chat (kept for the replay),
moderation, in-room flash sales, coupon drops and claims, lotteries and
winners. A room's statistics are written to its row while it runs and kept
when it ends. Host and assistants are role grants scoped to the room."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class LiveRoom(Base):
    __tablename__ = "live_rooms"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    cover_url: Mapped[str] = mapped_column(String(500), default="")
    stream_key: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="scheduled", index=True)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pinned_product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # statistics, refreshed while live and final once ended
    unique_viewers: Mapped[int] = mapped_column(Integer, default=0)
    peak_online: Mapped[int] = mapped_column(Integer, default=0)
    likes: Mapped[int] = mapped_column(BigInteger, default=0)
    messages: Mapped[int] = mapped_column(Integer, default=0)
    orders: Mapped[int] = mapped_column(Integer, default=0)
    buyers: Mapped[int] = mapped_column(Integer, default=0)
    gmv_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    # the likes the serving processes counted and wrote here, batch by batch
    # (live/tally.py): what a Redis loss can never take back
    likes_flushed: Mapped[int] = mapped_column(BigInteger, default=0)


class ShelfItem(Base):
    __tablename__ = "live_shelf_items"
    __table_args__ = (UniqueConstraint("room_id", "product_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    position: Mapped[int] = mapped_column(Integer)


class LiveMessage(Base):
    """Chat and announcements, kept for the replay."""

    __tablename__ = "live_messages"
    __table_args__ = (Index("ix_live_messages_room_id_id", "room_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16), default="chat")  # chat | announcement
    text: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Moderation(Base):
    """A mute (until a time, or until lifted), a kick (until the user may come
    back) or a ban of a user in a room; Redis is loaded from these."""

    __tablename__ = "live_moderations"
    __table_args__ = (UniqueConstraint("room_id", "user_id", "action"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(8))  # mute | kick | ban
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Audience(Base):
    """A signed-in user who joined the room (`viewer`) or liked in it
    (`liker`), once each: unique viewers and like lotteries survive a Redis loss."""

    __tablename__ = "live_audience"
    __table_args__ = (UniqueConstraint("room_id", "kind", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"))
    kind: Mapped[str] = mapped_column(String(8))  # viewer | liker
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class RoomSale(Base):
    """A flash sale started from a room (the flash-sale engine runs it)."""

    __tablename__ = "live_sales"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("flash_activities.id"), unique=True)
    started_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CouponDrop(Base):
    """N of a coupon (app.coupons, of the room's merchant) for the first N to
    claim; `amount_fen` and `min_spend_fen` repeat its terms for display."""

    __tablename__ = "live_coupon_drops"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    min_spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    quantity: Mapped[int] = mapped_column(Integer)
    coupon_id: Mapped[int | None] = mapped_column(ForeignKey("coupons.id"), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CouponClaim(Base):
    """One viewer's claim of a drop; `coupon_id` is the coupon it granted
    (app.coupons UserCoupon.id), in the same transaction."""

    __tablename__ = "live_coupon_claims"
    __table_args__ = (UniqueConstraint("drop_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    drop_id: Mapped[int] = mapped_column(ForeignKey("live_coupon_drops.id"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    coupon_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Lottery(Base):
    """Opened (the room is told), then drawn once; keyword senders count from
    the messages after `after_message_id`, the room's last when it opened."""

    __tablename__ = "live_lotteries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("live_rooms.id"), index=True)
    prize: Mapped[str] = mapped_column(String(80))
    winners_wanted: Mapped[int] = mapped_column(Integer)
    qualify: Mapped[str] = mapped_column(String(8))  # keyword | like
    keyword: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(8), default="open")  # open | drawn
    after_message_id: Mapped[int] = mapped_column(BigInteger, default=0)
    candidates: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LotteryWinner(Base):
    __tablename__ = "live_lottery_winners"
    __table_args__ = (UniqueConstraint("lottery_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    lottery_id: Mapped[int] = mapped_column(ForeignKey("live_lotteries.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
