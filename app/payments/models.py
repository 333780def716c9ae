"""Payment records. Amounts in int fen.

- PaymentIntent: the one provider trade (out_trade_no) of an order.
- Payment: money that arrived, one row per provider transaction (unique).
- Refund + RefundLine: money sent back, idempotent by (order, refund key).
- PaymentNotice: every notice id we acted on (a replay finds it here).
- PaymentAnomaly: signed notices we refused (wrong amount), for people to see.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, BigId, UTCDateTime


class PaymentIntent(Base):
    __tablename__ = "payment_intents"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    provider: Mapped[str] = mapped_column(String(16))
    out_trade_no: Mapped[str] = mapped_column(String(32), unique=True)
    prepay_id: Mapped[str] = mapped_column(String(64), default="")
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    provider: Mapped[str] = mapped_column(String(16))
    out_trade_no: Mapped[str] = mapped_column(String(32), index=True)
    transaction_id: Mapped[str] = mapped_column(String(64), unique=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    # credited (the order's money) | refund_due (late or duplicate: sent back)
    outcome: Mapped[str] = mapped_column(String(16))
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Refund(Base):
    __tablename__ = "refunds"
    __table_args__ = (UniqueConstraint("order_id", "refund_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    refund_key: Mapped[str] = mapped_column(String(64))
    out_refund_no: Mapped[str | None] = mapped_column(String(64), unique=True)
    provider_refund_id: Mapped[str] = mapped_column(String(64), default="")
    # after_sale | late_payment | duplicate_payment
    kind: Mapped[str] = mapped_column(String(24))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    # of amount_fen, the postage: carried by the refund that empties the order
    postage_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    reason: Mapped[str] = mapped_column(String(80), default="")
    # processing | succeeded | failed
    status: Mapped[str] = mapped_column(String(16), default="processing", index=True)
    restock: Mapped[bool] = mapped_column(Boolean, default=True)
    requested_by: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lines: Mapped[list[RefundLine]] = relationship(order_by="RefundLine.id", lazy="selectin")


class RefundLine(Base):
    __tablename__ = "refund_lines"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(BigInteger)


class PaymentNotice(Base):
    __tablename__ = "payment_notices"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    notice_id: Mapped[str] = mapped_column(String(64), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    order_id: Mapped[int | None] = mapped_column(BigId, index=True)
    outcome: Mapped[str] = mapped_column(String(24))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PaymentAnomaly(Base):
    __tablename__ = "payment_anomalies"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    notice_id: Mapped[str] = mapped_column(String(64), default="")
    reference: Mapped[str] = mapped_column(String(64))
    expected_fen: Mapped[int] = mapped_column(BigInteger)
    received_fen: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
