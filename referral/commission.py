"""Commission through an order's life: posted pending when it is paid,
available once it completed with no refund open, reversed in proportion to
each refunded goods amount at any stage. Every step is one ledger
transaction under a key, so a replayed signal or a second job run posts
nothing new."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import insert_ignore
from app.orders import rules as order_rules
from app.orders.models import Order
from referral import bindings, ledger, rules
from referral.models import Attribution, Commission, Distributor, RefundApplied
from referral.settings import Rules, get_rules, product_rates, tier_levels, tiers

PENDING, AVAILABLE, CLOSED = "pending", "available", "closed"


def on_paid(session: Session, order: Order, now: datetime) -> bool:
    """Record the chain in force now and post its commission as pending.
    False when this order was recorded before (a replayed order_paid)."""
    if session.get(Attribution, order.id) is not None:
        return False
    cfg = get_rules(session, order.merchant_id)
    _bind_from_share(session, order, now)
    chain = _beneficiaries(session, order, cfg)
    if not insert_ignore(session, Attribution, order_id=order.id, merchant_id=order.merchant_id,
                         buyer_id=order.buyer_id, chain=",".join(str(u) for u, _ in chain),
                         goods_fen=order.goods_fen - order.discount_fen, status=PENDING,
                         paid_at=now):
        return False
    rows = _commissions(session, order, cfg, chain)
    session.add_all(rows)
    legs = _user_legs(rows, "pending", lambda c: c.owed_fen)
    ledger.post(session, key=f"accrue-{order.id}", merchant_id=order.merchant_id,
                kind="accrue", order_id=order.id, now=now,
                legs=[("expense", 0, -sum(a for _, _, a in legs)), *legs])
    return True


def _bind_from_share(session: Session, order: Order, now: datetime) -> None:
    """An order that names someone else's share binds its buyer to the sharer
    when the policy allows; the buyer's own share binds nobody."""
    if order.sharer_id and order.sharer_id != order.buyer_id:
        bindings.try_bind(session, merchant_id=order.merchant_id, user_id=order.buyer_id,
                          referrer_id=order.sharer_id, via="order", now=now)


def _beneficiaries(session: Session, order: Order, cfg: Rules) -> list[tuple[int, int]]:
    """[(user id, tier rank)] level 1 first: active distributors only; a level
    whose person is not one earns nothing (the merchant keeps it)."""
    self_purchase = cfg.self_purchase and bindings.is_active(session, order.merchant_id,
                                                             order.buyer_id)
    chain = rules.chain(order.buyer_id, bindings.parent_finder(session, order.merchant_id),
                        len(cfg.level_bps), self_purchase)
    if not chain:
        return []
    ranks = dict(session.execute(select(Distributor.user_id, Distributor.tier_rank).where(
        Distributor.merchant_id == order.merchant_id, Distributor.user_id.in_(chain),
        Distributor.status == bindings.ACTIVE)).all())
    return [(u, ranks[u]) if u in ranks else (0, 0) for u in chain]


def _level_rates(session: Session, order: Order, cfg: Rules,
                 chain: list[tuple[int, int]]) -> list[rules.Rate]:
    """Each level's rate from the default, or the beneficiary's tier."""
    by_rank = {t.rank: tier_levels(t) for t in tiers(session, order.merchant_id)} \
        if any(rank for _, rank in chain) else {}
    return [rules.Rate("bps", tuple(by_rank.get(rank, cfg.level_bps))) for _, rank in chain]


def _commissions(session: Session, order: Order, cfg: Rules,
                 chain: list[tuple[int, int]]) -> list[Commission]:
    if not any(u for u, _ in chain):
        return []
    level_rates = _level_rates(session, order, cfg, chain)
    overrides = product_rates(session, {ln.product_id for ln in order.lines})
    bases = rules.split_discount([ln.amount_fen for ln in order.lines], order.discount_fen)
    rows = []
    for line, base in zip(order.lines, bases, strict=True):
        override = overrides.get(line.product_id)
        rates = [override] * len(chain) if override else level_rates
        for index, share in enumerate(rules.line_shares(base, line.quantity, rates)):
            user_id = chain[index][0]
            if user_id and share:
                rows.append(Commission(order_id=order.id, order_line_id=line.id,
                                       merchant_id=order.merchant_id, level=index + 1,
                                       user_id=user_id, line_fen=line.amount_fen,
                                       full_fen=share, refunded_fen=0, owed_fen=share))
    return rows


def _user_legs(rows, kind: str, amount_of) -> list[tuple[str, int, int]]:
    per_user: dict[int, int] = {}
    for row in rows:
        per_user[row.user_id] = per_user.get(row.user_id, 0) + amount_of(row)
    return [(kind, user, amount) for user, amount in sorted(per_user.items())]


def on_refunded(session: Session, order: Order, *, refund_id: int, amount_fen: int,
                lines: list[dict], now: datetime) -> bool:
    """Reverse each refunded line's commission in proportion to its refunded
    goods amount, from pending or (once settled) available, which may go
    negative. Once per refund id."""
    att = session.get(Attribution, order.id)
    if att is None or not insert_ignore(session, RefundApplied, refund_id=refund_id,
                                        order_id=order.id, amount_fen=amount_fen,
                                        applied_at=now):
        return False
    refunded = {}
    for item in lines:
        refunded[item["order_line_id"]] = refunded.get(item["order_line_id"], 0) + \
            item["amount_fen"]
    rows = list(session.scalars(select(Commission).where(Commission.order_id == order.id)))
    cuts: dict[int, int] = {}
    for row in rows:
        row.refunded_fen += refunded.get(row.order_line_id, 0)
        left = rules.owed(row.full_fen, row.line_fen, row.line_fen - row.refunded_fen)
        cuts[row.user_id] = cuts.get(row.user_id, 0) + row.owed_fen - left
        row.owed_fen = left
    kind = AVAILABLE if att.status == AVAILABLE else PENDING
    legs = [(kind, user, -cut) for user, cut in sorted(cuts.items())]
    ledger.post(session, key=f"reverse-{refund_id}", merchant_id=order.merchant_id,
                kind="reverse", order_id=order.id, now=now,
                legs=[("expense", 0, -sum(a for _, _, a in legs)), *legs])
    return True


def settle(session: Session, order_id: int, now: datetime) -> str:
    """pending -> available once the order completed (its after-sale window
    closed) with no refund open; a fully refunded order closes. Returns
    settled | closed | waiting | done."""
    att = session.get(Attribution, order_id)
    order = session.get(Order, order_id)
    if att is None or att.status != PENDING:
        return "done"
    if order.status == order_rules.REFUNDED:
        return "closed" if _move(session, att, CLOSED, now) else "done"
    if order.status != order_rules.COMPLETED or order.refund_status == order_rules.REFUNDING:
        return "waiting"
    if not _move(session, att, AVAILABLE, now):
        return "done"
    rows = list(session.scalars(select(Commission).where(Commission.order_id == order_id)))
    legs = _user_legs(rows, "available", lambda c: c.owed_fen)
    ledger.post(session, key=f"settle-{order_id}", merchant_id=att.merchant_id, kind="settle",
                order_id=order_id, now=now,
                legs=[*(("pending", u, -a) for _, u, a in legs), *legs])
    return "settled"


def _move(session: Session, att: Attribution, status: str, now: datetime) -> bool:
    """Guarded pending -> status: of two racing settlers, one wins."""
    done = session.execute(update(Attribution).where(
        Attribution.order_id == att.order_id, Attribution.status == PENDING)
        .values(status=status, settled_at=now).execution_options(synchronize_session=False))
    session.refresh(att)
    return done.rowcount == 1


def due(session: Session, limit: int = 500) -> list[int]:
    """Pending orders that completed or were fully refunded: the sweep's work."""
    return list(session.scalars(
        select(Attribution.order_id).join(Order, Order.id == Attribution.order_id)
        .where(Attribution.status == PENDING,
               Order.status.in_((order_rules.COMPLETED, order_rules.REFUNDED)),
               Order.refund_status != order_rules.REFUNDING)
        .order_by(Attribution.order_id).limit(limit)))
