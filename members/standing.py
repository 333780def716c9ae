"""What a member sees of their membership at one merchant: points, growth,
today's check-in, tier and the next one. Only ever their own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.service import get_merchant
from members import checkin, tiers
from members.models import Member
from members.points import ledger as points_ledger


def summary(session: Session, merchant_id: int, user_id: int, now: datetime) -> dict:
    get_merchant(session, merchant_id)
    member = session.scalar(select(Member).where(Member.merchant_id == merchant_id,
                                                 Member.user_id == user_id))
    defs = tiers.definitions(session, merchant_id)
    rank = member.tier_rank if member is not None else 0
    return {"merchant_id": merchant_id, "member": member is not None,
            "points": points_ledger.balance(session, merchant_id, user_id, now),
            "growth": points_ledger.growth(session, merchant_id, user_id),
            **checkin.status(session, merchant_id, user_id, now),
            "tier": defs[rank - 1] if rank else None,
            "next_tier": defs[rank] if rank < len(defs) else None}


def points_page(session: Session, merchant_id: int, user_id: int, now: datetime, *,
                page: int, per_page: int) -> dict:
    entries, total = points_ledger.history(session, merchant_id, user_id, page=page,
                                           per_page=per_page)
    return {"user_id": user_id,
            "balance": points_ledger.balance(session, merchant_id, user_id, now),
            "entries": entries, "meta": {"page": page, "per_page": per_page, "total": total}}
