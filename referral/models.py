"""Referral tables: per-merchant settings, product overrides, tiers,
distributors, bindings, each paid order's chain and commissions, the
double-entry ledger (accounts, transactions, append-only entries) and
withdrawals. Money in int fen, rates in int bps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class RefSettings(Base):
    """A merchant's referral rules; a merchant without a row has the defaults."""

    __tablename__ = "ref_settings"

    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), primary_key=True)
    binding_policy: Mapped[str] = mapped_column(String(16))
    window_days: Mapped[int] = mapped_column(Integer)
    level_bps: Mapped[str] = mapped_column(String(32))  # "1000,500"
    self_purchase: Mapped[bool] = mapped_column(Boolean)
    join_policy: Mapped[str] = mapped_column(String(16))
    spend_threshold_fen: Mapped[int] = mapped_column(BigInteger)
    withdraw_min_fen: Mapped[int] = mapped_column(BigInteger)
    withdraw_fee_bps: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProductRate(Base):
    __tablename__ = "ref_product_rates"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    mode: Mapped[str] = mapped_column(String(8))  # bps | fen (per unit)
    values: Mapped[str] = mapped_column(String(64))


class Tier(Base):
    __tablename__ = "ref_tiers"
    __table_args__ = (UniqueConstraint("merchant_id", "rank"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    rank: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(32))
    level_bps: Mapped[str] = mapped_column(String(32))
    min_sales_fen: Mapped[int] = mapped_column(BigInteger)
    min_orders: Mapped[int] = mapped_column(Integer)
    min_team: Mapped[int] = mapped_column(Integer)


class Distributor(Base):
    __tablename__ = "ref_distributors"
    __table_args__ = (UniqueConstraint("merchant_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # pending | active | rejected
    tier_rank: Mapped[int] = mapped_column(Integer, default=0)
    invite_code: Mapped[str] = mapped_column(String(16), unique=True)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime)
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Binding(Base):
    """user -> referrer within one merchant; one row per user and merchant."""

    __tablename__ = "ref_bindings"
    __table_args__ = (UniqueConstraint("merchant_id", "user_id"),
                      Index("ix_ref_bindings_referrer", "merchant_id", "referrer_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    referrer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    via: Mapped[str] = mapped_column(String(16))  # share | qr | invite | order
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Attribution(Base):
    """A paid order's chain as it stood at payment, and where its commission is."""

    __tablename__ = "ref_attributions"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    buyer_id: Mapped[int] = mapped_column(BigId)
    chain: Mapped[str] = mapped_column(String(64))  # "7,5,3": level 1 first
    goods_fen: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), index=True)  # pending|available|closed
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Commission(Base):
    """One order line's share for one level: the full share at payment and
    what is still owed after refunds."""

    __tablename__ = "ref_commissions"
    __table_args__ = (UniqueConstraint("order_line_id", "level"),
                      Index("ix_ref_commissions_user", "merchant_id", "user_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(BigId)
    merchant_id: Mapped[int] = mapped_column(BigId)
    level: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(BigId)
    line_fen: Mapped[int] = mapped_column(BigInteger)  # what the line paid (after discounts)
    full_fen: Mapped[int] = mapped_column(BigInteger)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    owed_fen: Mapped[int] = mapped_column(BigInteger)


class LedgerAccount(Base):
    __tablename__ = "ledger_accounts"
    __table_args__ = (UniqueConstraint("merchant_id", "kind", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(BigId)
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(BigId)  # 0 for the merchant's own accounts


class LedgerTxn(Base):
    __tablename__ = "ledger_txns"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    merchant_id: Mapped[int] = mapped_column(BigId, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[int | None] = mapped_column(BigId, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LedgerEntry(Base):
    """Append-only: never updated or deleted (the ledger module refuses it)."""

    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    txn_id: Mapped[int] = mapped_column(ForeignKey("ledger_txns.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_accounts.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Withdrawal(Base):
    __tablename__ = "ref_withdrawals"
    __table_args__ = (UniqueConstraint("user_id", "request_key"),
                      Index("ix_ref_withdrawals_merchant_status", "merchant_id", "status"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    request_key: Mapped[str] = mapped_column(String(64))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    fee_fen: Mapped[int] = mapped_column(BigInteger)
    net_fen: Mapped[int] = mapped_column(BigInteger)
    # requested -> approved -> paid | failed; requested -> rejected
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(80), default="")
    payout_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[int | None] = mapped_column(BigId)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RefundApplied(Base):
    """A refund whose reversal was applied: a replayed order_refunded is a no-op."""

    __tablename__ = "ref_refunds_applied"

    refund_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigId, index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime)
