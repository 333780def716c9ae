"""Commission on payment and on refunds. Paid: the chain in force is
recorded and its commission posted pending (many orders at once, or one per
order_paid). Refunded: each refunded line's commission reversed in
proportion, at any stage. Every step is one ledger transaction under a key,
so a replayed signal posts nothing new."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.orders.models import Order, OrderLine
from referral import bindings, ledger, rules
from referral.models import Attribution, Binding, Commission, Distributor, RefundApplied
from referral.settings import get_rules, product_rates, tier_levels, tiers

PENDING, AVAILABLE, CLOSED = "pending", "available", "closed"


def on_paid(session: Session, order: Order, now: datetime) -> bool:
    """order_paid: False when this order was recorded before (a replay)."""
    return bool(accrue_many(session, [order.id], now))


@dataclass
class _Line:
    id: int
    product_id: int
    quantity: int
    amount_fen: int


@dataclass
class _Order:
    """What commission needs of a paid order, read with two plain queries."""

    id: int
    merchant_id: int
    buyer_id: int
    sharer_id: int | None
    goods_fen: int
    discount_fen: int
    lines: list[_Line] = field(default_factory=list)


def _load(session: Session, ids: list[int]) -> list[_Order]:
    seen = select(Attribution.order_id).where(Attribution.order_id.in_(ids))
    orders = {row[0]: _Order(*row) for row in session.execute(
        select(Order.id, Order.merchant_id, Order.buyer_id, Order.sharer_id, Order.goods_fen,
               Order.discount_fen).where(Order.id.in_(ids), Order.id.not_in(seen))
        .order_by(Order.id))}
    for order_id, *line in session.execute(
            select(OrderLine.order_id, OrderLine.id, OrderLine.product_id, OrderLine.quantity,
                   OrderLine.amount_fen).where(OrderLine.order_id.in_(list(orders)))
            .order_by(OrderLine.id)):
        orders[order_id].lines.append(_Line(*line))
    return list(orders.values())


def accrue_many(session: Session, order_ids: list[int], now: datetime) -> list[int]:
    """Record each paid order's chain and post its commission as pending;
    orders recorded before are skipped. Returns the ids posted now."""
    orders = _load(session, order_ids)
    for order in orders:
        _bind_from_share(session, order, now)
    overrides = product_rates(session, {ln.product_id for o in orders for ln in o.lines})
    by_merchant: dict[int, list[_Order]] = defaultdict(list)
    for order in orders:
        by_merchant[order.merchant_id].append(order)
    plans = [plan for merchant_id, group in by_merchant.items()
             for plan in _plan(session, merchant_id, group, overrides)]
    return _write(session, plans, now)


def _plan(session: Session, merchant_id: int, orders: list[_Order], overrides) -> list[tuple]:
    """(order, chain, commission rows) for each order of one merchant."""
    cfg = get_rules(session, merchant_id)
    levels = len(cfg.level_bps)
    parents = _parents(session, merchant_id, {o.buyer_id for o in orders}, levels)
    ranks = _ranks(session, merchant_id, set(parents) | set(parents.values()))
    by_rank = {t.rank: tier_levels(t) for t in tiers(session, merchant_id)} \
        if any(ranks.values()) else {}
    out = []
    for order in orders:
        own = cfg.self_purchase and order.buyer_id in ranks
        chain = [(u, ranks[u]) if u in ranks else (0, 0)
                 for u in rules.chain(order.buyer_id, parents.get, levels, own)]
        rates = [rules.Rate("bps", tuple(by_rank.get(rank, cfg.level_bps))) for _, rank in chain]
        out.append((order, chain, _rows(order, chain, rates, overrides)))
    return out


def _parents(session: Session, merchant_id: int, users: set[int], depth: int) -> dict:
    """{user: referrer or None} for the users and their ancestors `depth` up."""
    found: dict[int, int | None] = {}
    frontier = set(users)
    for _ in range(depth):
        frontier -= set(found)
        if not frontier:
            break
        found.update(dict.fromkeys(frontier))
        found.update(session.execute(select(Binding.user_id, Binding.referrer_id).where(
            Binding.merchant_id == merchant_id, Binding.user_id.in_(frontier))).all())
        frontier = {p for p in found.values() if p is not None}
    return found


def _ranks(session: Session, merchant_id: int, users: set) -> dict[int, int]:
    """{user: tier rank} of those users who are active distributors."""
    return dict(session.execute(select(Distributor.user_id, Distributor.tier_rank).where(
        Distributor.merchant_id == merchant_id, Distributor.user_id.in_(users - {None}),
        Distributor.status == bindings.ACTIVE)).all())


def _bind_from_share(session: Session, order: _Order, now: datetime) -> None:
    """An order that names someone else's share binds its buyer to the sharer
    when the policy allows; the buyer's own share binds nobody."""
    if order.sharer_id and order.sharer_id != order.buyer_id:
        bindings.try_bind(session, merchant_id=order.merchant_id, user_id=order.buyer_id,
                          referrer_id=order.sharer_id, via="order", now=now)


def _rows(order: _Order, chain, rates, overrides) -> list[dict]:
    """Commission rows per line and level; a level whose person is not an
    active distributor earns nothing (the merchant keeps it)."""
    if not any(u for u, _ in chain):
        return []
    bases = rules.split_discount([ln.amount_fen for ln in order.lines], order.discount_fen)
    rows = []
    for line, base in zip(order.lines, bases, strict=True):
        override = overrides.get(line.product_id)
        shares = rules.line_shares(base, line.quantity, [override] * len(chain) if override
                                   else rates)
        rows += [{"order_id": order.id, "order_line_id": line.id, "merchant_id": order.merchant_id,
                  "level": i + 1, "user_id": chain[i][0], "line_fen": line.amount_fen,
                  "full_fen": share, "refunded_fen": 0, "owed_fen": share}
                 for i, share in enumerate(shares) if share and chain[i][0]]
    return rows


def _write(session: Session, plans: list[tuple], now: datetime) -> list[int]:
    if not plans:
        return []
    table = Attribution.__table__
    paid_at = ledger.bound(session, table.c.paid_at, now)
    inserted = set(ledger.insert_new_rows(
        session, table, ["order_id", "merchant_id", "buyer_id", "chain", "goods_fen", "status",
                         "paid_at"],
        [(o.id, o.merchant_id, o.buyer_id, ",".join(str(u) for u, _ in chain),
          o.goods_fen - o.discount_fen, PENDING, paid_at) for o, chain, _ in plans], "order_id"))
    plans = [p for p in plans if p[0].id in inserted]
    rows = [row for _, _, order_rows in plans for row in order_rows]
    if rows:
        names = list(rows[0])
        ledger.bulk_insert(session, Commission.__table__, names, list(map(itemgetter(*names),
                                                                          rows)))
    txns = []
    for order, _, order_rows in plans:
        legs = _user_legs(order_rows, "pending")
        txns.append(ledger.Txn(f"accrue-{order.id}", order.merchant_id, "accrue",
                               [("expense", 0, -sum(a for _, _, a in legs)), *legs], order.id))
    ledger.post_many(session, txns, now)
    return [p[0].id for p in plans]


def _user_legs(rows: list[dict], kind: str) -> list[tuple[str, int, int]]:
    per_user: dict[int, int] = defaultdict(int)
    for row in rows:
        per_user[row["user_id"]] += row["owed_fen"]
    return [(kind, user, amount) for user, amount in sorted(per_user.items())]


def on_refunded(session: Session, order: Order, *, refund_id: int, amount_fen: int,
                lines: list[dict], now: datetime) -> bool:
    """Reverse each refunded line's commission in proportion to its refunded
    goods amount, from pending or (once settled) available, which may go
    negative. Once per refund id."""
    att = session.get(Attribution, order.id)
    if att is None or not ledger.insert_new(session, RefundApplied, refund_id=refund_id,
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


