"""Leader commission through the referral ledger. A leader earns their rate
(their own, else the community's) on the paid goods of each order collected
at their point (goods - discount, postage excluded; rounded down, the
merchant keeps the remainder). On the leader's own order only with the
merchant's self-purchase option (referral rules) on when it is collected:

  pickup     expense -> leader pending           key leader-accrue-<order>
  completed  leader pending -> leader available  key leader-settle-<order>
  refund     leader pending or available -> expense, in proportion to the
             refunded paid goods, at any stage    key leader-reverse-<refund>

A refund after the commission became available, or was withdrawn, still
takes it all back: the balance may go negative (never capped). Refunds
before pickup are remembered, so the commission posted at pickup is already
cut. Each step is one balanced ledger transaction under its key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db import insert_ignore, paginate
from app.orders import rules as order_rules
from app.orders.models import Order
from community import communities, rules
from community.models import Community, LeaderCommission, LeaderRefund, Pickup
from referral import ledger
from referral.settings import get_rules

PENDING, AVAILABLE = "pending", "available"


def rate_of(session: Session, community_id: int, leader_id: int) -> int:
    community = session.get(Community, community_id)
    row = communities.membership(session, community_id, leader_id)
    own = row.commission_bps if row is not None else None
    return community.leader_commission_bps if own is None else own


def accrue(session: Session, order: Order, now: datetime) -> LeaderCommission | None:
    """At pickup, once per order: the commission, less any refund so far,
    pending; none on the leader's own order unless self-purchase is on."""
    if not rules.earns_leader_commission(order.buyer_id, order.leader_id,
                                         get_rules(session, order.merchant_id).self_purchase):
        return None
    bps = rate_of(session, order.community_id, order.leader_id)
    base = order.goods_fen - order.discount_fen
    refunded = int(session.scalar(select(func.coalesce(func.sum(LeaderRefund.amount_fen), 0))
                                  .where(LeaderRefund.order_id == order.id)))
    full = rules.commission_full(base, bps)
    owed = rules.commission_owed(full, base, refunded)
    if not insert_ignore(session, LeaderCommission, order_id=order.id,
                         merchant_id=order.merchant_id, community_id=order.community_id,
                         leader_id=order.leader_id, bps=bps, base_fen=base, full_fen=full,
                         refunded_fen=refunded, owed_fen=owed, status=PENDING, accrued_at=now):
        return None
    ledger.post(session, key=f"leader-accrue-{order.id}", merchant_id=order.merchant_id,
                kind="leader_accrue", order_id=order.id, now=now,
                legs=[("expense", 0, -owed), ("pending", order.leader_id, owed)])
    return session.get(LeaderCommission, order.id)


def on_refunded(session: Session, order: Order, *, refund_id: int, amount_fen: int,
                now: datetime) -> bool:
    """Every refund of a pickup order is remembered once; a posted
    commission is cut in proportion, from where it now sits."""
    if session.get(Pickup, order.id) is None or not insert_ignore(
            session, LeaderRefund, refund_id=refund_id, order_id=order.id,
            amount_fen=amount_fen, applied_at=now):
        return False
    row = session.scalar(select(LeaderCommission).where(LeaderCommission.order_id == order.id)
                         .execution_options(populate_existing=True))
    if row is None:
        return True
    row.refunded_fen += amount_fen
    left = rules.commission_owed(row.full_fen, row.base_fen, row.refunded_fen)
    cut, row.owed_fen = row.owed_fen - left, left
    ledger.post(session, key=f"leader-reverse-{refund_id}", merchant_id=row.merchant_id,
                kind="leader_reverse", order_id=order.id, now=now,
                legs=[(row.status, row.leader_id, -cut), ("expense", 0, cut)])
    return True


def settle(session: Session, order_ids: list[int], now: datetime) -> list[int]:
    """Pending commission of completed orders with no refund in progress
    moves to available; a guarded UPDATE picks each order once."""
    done = session.execute(
        update(LeaderCommission)
        .where(LeaderCommission.order_id.in_(order_ids), LeaderCommission.status == PENDING,
               LeaderCommission.order_id == Order.id, Order.status == order_rules.COMPLETED,
               Order.refund_status != order_rules.REFUNDING)
        .values(status=AVAILABLE, settled_at=now)
        .returning(LeaderCommission.order_id, LeaderCommission.merchant_id,
                   LeaderCommission.leader_id, LeaderCommission.owed_fen)
        .execution_options(synchronize_session=False)).all()
    txns = [ledger.Txn(f"leader-settle-{order_id}", merchant_id, "leader_settle",
                       [("pending", leader_id, -owed), ("available", leader_id, owed)], order_id)
            for order_id, merchant_id, leader_id, owed in sorted(done)]
    ledger.post_many(session, txns, now)
    return sorted(order_id for order_id, *_ in done)


def due(session: Session, limit: int = 500) -> list[int]:
    """Pending commission whose order completed: the sweep's work."""
    return list(session.scalars(
        select(LeaderCommission.order_id).join(Order, Order.id == LeaderCommission.order_id)
        .where(LeaderCommission.status == PENDING, Order.status == order_rules.COMPLETED,
               Order.refund_status != order_rules.REFUNDING)
        .order_by(LeaderCommission.order_id).limit(limit)))


def report(session: Session, *, community: Community, leader_id: int, page: int,
           per_page: int) -> tuple[dict, list[LeaderCommission], int]:
    """(the leader's balances with the merchant, their commission rows in
    this community, total rows)."""
    balances = ledger.balances(session, community.merchant_id, leader_id)
    stmt = select(LeaderCommission).where(LeaderCommission.community_id == community.id,
                                          LeaderCommission.leader_id == leader_id)
    items, total = paginate(session, stmt, order_by=LeaderCommission.order_id.desc(),
                            page=page, per_page=per_page)
    return balances, items, total
