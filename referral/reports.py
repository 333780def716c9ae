"""What distributors and staff read: a distributor's center, team by level,
earnings by day and by source, the merchant's payable report, and the tier
upgrades a job applies (the leaderboard is in leaderboard.py). Balances come
from the ledger."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.clock import china_day
from app.orders.models import Order
from referral import bindings, ledger, rules
from referral.models import (
    Attribution,
    Binding,
    Commission,
    Distributor,
    LedgerAccount,
    LedgerEntry,
    Tier,
)
from referral.settings import get_rules, tiers

BALANCE_KINDS = ("pending", "available", "withdrawing", "clearing", "paid")


def center(session: Session, merchant_id: int, user_id: int) -> dict:
    """Status, tier, invite code, referrer and balances; a non-distributor
    sees status none and zero balances (never someone else's). With the
    merchant's withdrawal rules: the smallest amount and the fee."""
    cfg = get_rules(session, merchant_id)  # merchant_not_found
    row = session.scalar(select(Distributor).filter_by(merchant_id=merchant_id, user_id=user_id))
    referrer = bindings.parent_finder(session, merchant_id)(user_id)
    return {"merchant_id": merchant_id, "status": row.status if row else "none",
            "tier_rank": row.tier_rank if row else 0,
            "invite_code": row.invite_code if row and row.status == bindings.ACTIVE else None,
            "referrer_id": referrer, "balances": ledger.balances(session, merchant_id, user_id),
            "withdraw_min_fen": max(cfg.withdraw_min_fen, rules.MIN_WITHDRAW_FEN),
            "withdraw_fee_bps": cfg.withdraw_fee_bps}


def _level_query(merchant_id: int, user_id: int, level: int):
    ids = select(Binding.user_id).where(Binding.merchant_id == merchant_id,
                                        Binding.referrer_id == user_id)
    for _ in range(level - 1):
        ids = select(Binding.user_id).where(Binding.merchant_id == merchant_id,
                                            Binding.referrer_id.in_(ids))
    return ids


def team(session: Session, *, merchant_id: int, user_id: int, level: int, page: int,
         per_page: int) -> tuple[list[dict], int]:
    """The people `level` steps below the user (1 = bound to them directly)."""
    get_rules(session, merchant_id)
    ids = _level_query(merchant_id, user_id, level)
    stmt = (select(Binding.user_id, User.nickname, Binding.bound_at, Binding.via)
            .join(User, User.id == Binding.user_id)
            .where(Binding.merchant_id == merchant_id, Binding.user_id.in_(ids)))
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.execute(stmt.order_by(Binding.user_id).limit(per_page)
                           .offset((page - 1) * per_page))
    return [{"user_id": u, "nickname": n, "bound_at": b, "via": v} for u, n, b, v in rows], total


def earnings(session: Session, *, merchant_id: int, user_id: int, days: int,
             now: datetime) -> dict:
    """Commission still owed (net of refunds) on orders paid in the last
    `days` days, by China day and by source (self, level_1..level_3)."""
    get_rules(session, merchant_id)
    rows = session.execute(
        select(Attribution.paid_at, Attribution.buyer_id, Commission.level,
               Commission.owed_fen, Commission.order_id)
        .join(Attribution, Attribution.order_id == Commission.order_id)
        .where(Commission.merchant_id == merchant_id, Commission.user_id == user_id,
               Attribution.paid_at >= now - timedelta(days=days)))
    by_day: dict[str, list] = {}
    by_source: dict[str, list] = {}
    for paid_at, buyer_id, level, owed, order_id in rows:
        source = "self" if buyer_id == user_id else f"level_{level}"
        for bucket, key in ((by_day, china_day(paid_at).isoformat()), (by_source, source)):
            entry = bucket.setdefault(key, [0, set()])
            entry[0] += owed
            entry[1].add(order_id)
    shape = lambda d, name: [{name: k, "commission_fen": v[0], "orders": len(v[1])}  # noqa: E731
                             for k, v in sorted(d.items())]
    return {"days": days, "by_day": shape(by_day, "day"), "by_source": shape(by_source, "source"),
            "total_fen": sum(v[0] for v in by_day.values())}


def payable(session: Session, merchant_id: int) -> dict:
    """Per distributor (with their nickname), each balance from the ledger; totals; and the
    merchant's side (expense and fees), which with them sums to zero."""
    rows = session.execute(
        select(LedgerAccount.user_id, LedgerAccount.kind, func.sum(LedgerEntry.amount_fen))
        .join(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id)
        .where(LedgerAccount.merchant_id == merchant_id)
        .group_by(LedgerAccount.user_id, LedgerAccount.kind))
    people: dict[int, dict] = {}
    merchant = {"expense": 0, "fee": 0}
    for user_id, kind, amount in rows:
        if kind in merchant:
            merchant[kind] += int(amount)
        else:
            people.setdefault(user_id, dict.fromkeys(BALANCE_KINDS, 0))[kind] = int(amount)
    totals = {k: sum(p[k] for p in people.values()) for k in BALANCE_KINDS}
    names = dict(session.execute(select(User.id, User.nickname)
                                 .where(User.id.in_(people))).all()) if people else {}
    return {"distributors": [{"user_id": u, "nickname": names.get(u, ""), **b}
                             for u, b in sorted(people.items())],
            "totals": totals, "merchant": merchant,
            "sum_fen": sum(totals.values()) + sum(merchant.values())}


def stats(session: Session, merchant_id: int, user_id: int) -> tuple[int, int, int]:
    """(sales_fen, orders, team) for tier conditions: net goods of the orders
    they earned level-1 commission on, those orders, and the direct team
    members who have paid an order here (accounts that only bound, such as
    a farm of fresh accounts, never lift a tier)."""
    sales, orders = session.execute(
        select(func.coalesce(func.sum(Attribution.goods_fen), 0), func.count(Attribution.order_id))
        .where(Attribution.order_id.in_(select(Commission.order_id).where(
            Commission.merchant_id == merchant_id, Commission.user_id == user_id,
            Commission.level == 1)))).one()
    buyers = select(Order.buyer_id).where(Order.merchant_id == merchant_id,
                                          Order.paid_at.is_not(None))
    team_size = session.scalar(select(func.count(Binding.id)).where(
        Binding.merchant_id == merchant_id, Binding.referrer_id == user_id,
        Binding.user_id.in_(buyers)))
    return int(sales), int(orders), int(team_size)


def upgrade_tiers(session: Session, merchant_id: int) -> int:
    """Move every active distributor up to the highest tier they qualify for
    (never down); returns how many moved."""
    rules_ = [rules.TierRule(t.id, t.rank, t.min_sales_fen, t.min_orders, t.min_team)
              for t in tiers(session, merchant_id)]
    if not rules_:
        return 0
    moved = 0
    for row in session.scalars(select(Distributor).filter_by(merchant_id=merchant_id,
                                                             status=bindings.ACTIVE)):
        tier = rules.tier_for(row.tier_rank, *stats(session, merchant_id, row.user_id), rules_)
        if tier is not None:
            row.tier_rank, moved = tier.rank, moved + 1
    return moved


def merchants_with_tiers(session: Session) -> list[int]:
    return list(session.scalars(select(Tier.merchant_id).distinct()))
