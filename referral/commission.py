"""Commission on payment and on refunds. Paid: the chain in force is
recorded and its commission posted pending (many orders at once, or one per
OrderPaid). Refunded: each refunded line's commission reversed in
proportion, at any stage. Every step is one ledger transaction under a key,
so a replayed event posts nothing new."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.db import insert_ignore
from app.orders.models import Order, OrderLine
from referral import bindings, ledger, rules
from referral.models import Attribution, Binding, Commission, Distributor, RefundApplied
from referral.settings import get_rules, product_rates, tier_levels, tiers

PENDING, AVAILABLE, CLOSED = "pending", "available", "closed"


def on_paid(session: Session, order: Order, now: datetime) -> bool:
    """order_paid: False when this order was recorded before (a replay)."""
    return bool(accrue_many(session, [order.id], now))


@dataclass(slots=True)
class _Line:
    id: int
    product_id: int
    quantity: int
    amount_fen: int


@dataclass(slots=True)
class _Order:
    """What commission needs of a paid order, read with one plain query."""

    id: int
    merchant_id: int
    buyer_id: int
    sharer_id: int | None
    goods_fen: int
    discount_fen: int
    lines: list[_Line] = field(default_factory=list)


# Statements built once (bound parameters, expanding IN lists), so SQLAlchemy
# compiles each once per process and later calls only bind values.
_ORDERS, _LINES, _ATTS = Order.__table__.c, OrderLine.__table__.c, Attribution.__table__.c
_UNRECORDED = (
    select(_ORDERS.id, _ORDERS.merchant_id, _ORDERS.buyer_id, _ORDERS.sharer_id,
           _ORDERS.goods_fen, _ORDERS.discount_fen, _LINES.id, _LINES.product_id,
           _LINES.quantity, _LINES.amount_fen)
    .select_from(Order.__table__.outerjoin(OrderLine.__table__, _LINES.order_id == _ORDERS.id)
                 .outerjoin(Attribution.__table__, _ATTS.order_id == _ORDERS.id))
    .where(_ORDERS.id.in_(bindparam("ids", expanding=True)), _ATTS.order_id.is_(None))
    .order_by(_ORDERS.id, _LINES.id))
_BINDINGS, _DISTRIBUTORS = Binding.__table__.c, Distributor.__table__.c
_PARENTS = select(_BINDINGS.user_id, _BINDINGS.referrer_id).where(
    _BINDINGS.merchant_id == bindparam("merchant"),
    _BINDINGS.user_id.in_(bindparam("users", expanding=True)))
_RANKS = select(_DISTRIBUTORS.user_id, _DISTRIBUTORS.tier_rank).where(
    _DISTRIBUTORS.merchant_id == bindparam("merchant"),
    _DISTRIBUTORS.user_id.in_(bindparam("users", expanding=True)),
    _DISTRIBUTORS.status == bindings.ACTIVE)
COMMISSION_COLUMNS = ("order_id", "order_line_id", "merchant_id", "level", "user_id",
                      "line_fen", "full_fen", "refunded_fen", "owed_fen")
_USER, _OWED = COMMISSION_COLUMNS.index("user_id"), COMMISSION_COLUMNS.index("owed_fen")


def _load(session: Session, ids: list[int]) -> list[_Order]:
    """The orders among ids that have no attribution yet, with their lines
    (one query: orders outer-joined to lines, those recorded before left out)."""
    orders: dict[int, _Order] = {}
    for row in session.execute(_UNRECORDED, {"ids": list(ids)}).all():
        order = orders.get(row[0])
        if order is None:
            order = orders[row[0]] = _Order(*row[:6])
        if row[6] is not None:
            order.lines.append(_Line(*row[6:]))
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
    """(order, chain, commission rows) for each order of one merchant. A
    level's rate is its person's tier rate, else the merchant's default."""
    cfg = get_rules(session, merchant_id)
    levels = len(cfg.level_bps)
    parents = _parents(session, merchant_id, {o.buyer_id for o in orders}, levels)
    ranks = _ranks(session, merchant_id, set(parents) | set(parents.values()))
    rate_of = {t.rank: rules.Rate("bps", tier_levels(t)) for t in tiers(session, merchant_id)} \
        if any(ranks.values()) else {}
    default = rules.Rate("bps", tuple(cfg.level_bps))
    out = []
    for order in orders:
        own = cfg.self_purchase and order.buyer_id in ranks
        chain = [(u, ranks[u]) if u in ranks else (0, 0)
                 for u in rules.chain(order.buyer_id, parents.get, levels, own)]
        rates = [rate_of.get(rank, default) for _, rank in chain]
        out.append((order, chain, _rows(order, chain, rates, overrides)))
    return out


def _parents(session: Session, merchant_id: int, users: set[int], depth: int) -> dict:
    """{user: referrer or None} for the users and their ancestors `depth` up
    (one indexed query per level for the whole batch)."""
    found: dict[int, int | None] = {}
    frontier = set(users)
    for _ in range(depth):
        frontier -= set(found)
        if not frontier:
            break
        found.update(dict.fromkeys(frontier))
        found.update(session.execute(_PARENTS, {"merchant": merchant_id,
                                                "users": list(frontier)}).all())
        frontier = {p for p in found.values() if p is not None}
    return found


def _ranks(session: Session, merchant_id: int, users: set) -> dict[int, int]:
    """{user: tier rank} of those users who are active distributors."""
    return dict(session.execute(_RANKS, {"merchant": merchant_id,
                                         "users": list(users - {None})}).all())


def _bind_from_share(session: Session, order: _Order, now: datetime) -> None:
    """An order that names someone else's share binds its buyer to the sharer
    when the policy allows; the buyer's own share binds nobody."""
    if order.sharer_id and order.sharer_id != order.buyer_id:
        bindings.try_bind(session, merchant_id=order.merchant_id, user_id=order.buyer_id,
                          referrer_id=order.sharer_id, via="order", now=now)


def _rows(order: _Order, chain, rates, overrides) -> list[tuple]:
    """Commission rows (COMMISSION_COLUMNS) per line and level; a level whose
    person is not an active distributor, or whose share is 0, earns nothing
    (the merchant keeps it)."""
    if not any(u for u, _ in chain):
        return []
    bases = rules.split_discount([ln.amount_fen for ln in order.lines], order.discount_fen)
    rows = []
    for line, base in zip(order.lines, bases, strict=True):
        override = overrides.get(line.product_id)
        shares = rules.line_shares(base, line.quantity, [override] * len(chain) if override
                                   else rates)
        paid = zip(chain, shares, strict=True)
        # line_fen is what the line paid (its base), the amount refunds are
        # measured in: a refund of every paid fen reverses the whole share
        rows += [(order.id, line.id, order.merchant_id, level, user, base,
                  share, 0, share)
                 for level, ((user, _), share) in enumerate(paid, start=1) if share and user]
    return rows


def _write(session: Session, plans: list[tuple], now: datetime) -> list[int]:
    """Attributions (new ones only: a racing or replayed order is skipped),
    their commission rows and one pending ledger transaction per order."""
    if not plans:
        return []
    table = Attribution.__table__
    paid_at = ledger.bound(session, table.c.paid_at, now)
    inserted = set(ledger.insert_new_rows(
        session, table, ["order_id", "merchant_id", "buyer_id", "chain", "goods_fen", "status",
                         "paid_at"],
        [(o.id, o.merchant_id, o.buyer_id, ",".join([str(u) for u, _ in chain]),
          o.goods_fen - o.discount_fen, PENDING, paid_at) for o, chain, _ in plans], ["order_id"]))
    plans = [p for p in plans if p[0].id in inserted]
    ledger.bulk_insert(session, Commission.__table__, COMMISSION_COLUMNS,
                       [row for _, _, order_rows in plans for row in order_rows])
    txns = []
    for order, _, order_rows in plans:
        legs = _user_legs(order_rows, "pending")
        txns.append(ledger.Txn(f"accrue-{order.id}", order.merchant_id, "accrue",
                               [("expense", 0, -sum(a for _, _, a in legs)), *legs], order.id))
    ledger.post_many(session, txns, now)
    return [p[0].id for p in plans]


def _user_legs(rows: list[tuple], kind: str) -> list[tuple[str, int, int]]:
    """One leg per beneficiary: the sum of their owed shares, by user id."""
    per_user: dict[int, int] = defaultdict(int)
    for row in rows:
        per_user[row[_USER]] += row[_OWED]
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


