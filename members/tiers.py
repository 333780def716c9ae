"""Member tiers by growth value, and the checkout step `tier`.

Growth value: 1 per whole yuan of goods actually paid on completed orders
(taken back in proportion when such an order is refunded) plus
`checkin_growth` per check-in. A member holds the highest tier whose
`min_growth` their growth reaches (rank 0: no tier); the tier follows growth
both ways and is recomputed whenever growth changes or the tiers are redefined.

Perks at checkout (rank 10, normal orders only): `discount_bps` off the
goods, rounded down (the merchant keeps the remainder) and within the
order's room; free shipping sets to 0 the postage the freight step (rank 5,
app/freight) charged.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.money import apply_bps
from app.orders.pricing import Checkout
from members.errors import InvalidTiers
from members.models import GrowthEntry, Member, TierDef

PERK_KINDS = frozenset({"normal"})
MAX_DISCOUNT_BPS = 5000


def definitions(session: Session, merchant_id: int) -> list[TierDef]:
    return list(session.scalars(select(TierDef).where(TierDef.merchant_id == merchant_id)
                                .order_by(TierDef.rank)))


def rank_for(growth: int, thresholds: list[int]) -> int:
    """Pure: the 1-based rank of the highest threshold reached, 0 for none."""
    return sum(1 for minimum in thresholds if growth >= minimum)


def check_definitions(tiers: list[dict]) -> None:
    mins = [t["min_growth"] for t in tiers]
    if any(b <= a for a, b in zip(mins, mins[1:], strict=False)):
        raise InvalidTiers("Each tier needs more growth than the one before.",
                           details={"min_growth": mins})
    names = [t["name"] for t in tiers]
    if len(set(names)) != len(names):
        raise InvalidTiers("Tier names must differ.", details={"names": names})


def replace(session: Session, merchant_id: int, tiers: list[dict]) -> list[TierDef]:
    check_definitions(tiers)
    session.execute(delete(TierDef).where(TierDef.merchant_id == merchant_id))
    session.add_all(TierDef(merchant_id=merchant_id, rank=i, **t)
                    for i, t in enumerate(tiers, start=1))
    session.flush()
    refresh_all(session, merchant_id)
    return definitions(session, merchant_id)


def refresh(session: Session, merchant_id: int, user_id: int) -> int:
    thresholds = [t.min_growth for t in definitions(session, merchant_id)]
    growth = int(session.scalar(select(func.coalesce(func.sum(GrowthEntry.amount), 0)).where(
        GrowthEntry.merchant_id == merchant_id, GrowthEntry.user_id == user_id)))
    rank = rank_for(growth, thresholds)
    session.execute(update(Member).where(Member.merchant_id == merchant_id,
                                         Member.user_id == user_id, Member.tier_rank != rank)
                    .values(tier_rank=rank).execution_options(synchronize_session=False))
    return rank


def refresh_all(session: Session, merchant_id: int) -> None:
    """Every member's tier from one grouped growth query."""
    thresholds = [t.min_growth for t in definitions(session, merchant_id)]
    growth = dict(session.execute(select(GrowthEntry.user_id, func.sum(GrowthEntry.amount))
                                  .where(GrowthEntry.merchant_id == merchant_id)
                                  .group_by(GrowthEntry.user_id)).all())
    for member in session.scalars(select(Member).where(Member.merchant_id == merchant_id)):
        rank = rank_for(int(growth.get(member.user_id, 0)), thresholds)
        if member.tier_rank != rank:
            member.tier_rank = rank
    session.flush()


def tier_of(session: Session, merchant_id: int, user_id: int) -> TierDef | None:
    rank = session.scalar(select(Member.tier_rank).where(Member.merchant_id == merchant_id,
                                                         Member.user_id == user_id))
    if not rank:
        return None
    return session.scalar(select(TierDef).where(TierDef.merchant_id == merchant_id,
                                                TierDef.rank == rank))


def checkout_step(session: Session, checkout: Checkout, _now):
    if checkout.kind not in PERK_KINDS:
        return None
    tier = tier_of(session, checkout.merchant_id, checkout.buyer_id)
    if tier is None:
        return None
    off = min(apply_bps(checkout.goods_fen, tier.discount_bps), checkout.room_fen)
    checkout.discount_fen += off
    if tier.free_shipping:
        checkout.postage_fen = 0
    checkout.applied["tier"] = {"rank": tier.rank, "name": tier.name, "discount_fen": off,
                                "free_shipping": tier.free_shipping}
    return None
