"""The merchant's distributor leaderboard: distributors by commission earned
(net of refunds), highest first, ties by who earned first (lower user id).

- Anyone signed in sees ranks, masked nicknames (rules.mask_nickname) and
  amounts: no user ids, no full names.
- An active distributor of the merchant sees the same, their own row
  unmasked and marked `me`, and their own rank added below the top rows
  when they are not among them (one who earned nothing yet ranks after
  every earner).
- Merchant staff see every row with user ids and full nicknames.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.auth.models import User
from referral import bindings, rules
from referral.models import Commission
from referral.settings import get_rules


def _earned(merchant_id: int):
    return (select(Commission.user_id, func.sum(Commission.owed_fen).label("earned"))
            .where(Commission.merchant_id == merchant_id)
            .group_by(Commission.user_id).subquery())


def ranked(session: Session, merchant_id: int, limit: int) -> list[dict]:
    """The top `limit` rows, unmasked (staff)."""
    get_rules(session, merchant_id)  # merchant_not_found
    earned = _earned(merchant_id)
    rows = session.execute(select(earned.c.user_id, User.nickname, earned.c.earned)
                           .join(User, User.id == earned.c.user_id)
                           .order_by(earned.c.earned.desc(), earned.c.user_id).limit(limit))
    return [{"rank": i, "user_id": u, "nickname": n, "commission_fen": int(e)}
            for i, (u, n, e) in enumerate(rows, start=1)]


def _rank_of(session: Session, merchant_id: int, user_id: int) -> dict:
    earned = _earned(merchant_id)
    mine = int(session.scalar(select(earned.c.earned).where(earned.c.user_id == user_id))
               or 0)
    ahead = session.scalar(select(func.count()).select_from(earned).where(or_(
        earned.c.earned > mine, and_(earned.c.earned == mine, earned.c.user_id < user_id))))
    nickname = session.scalar(select(User.nickname).where(User.id == user_id)) or ""
    return {"rank": ahead + 1, "nickname": nickname, "commission_fen": mine, "me": True}


def board(session: Session, merchant_id: int, limit: int, viewer_id: int) -> list[dict]:
    """What a signed-in user sees (see the module's docstring)."""
    rows = ranked(session, merchant_id, limit)
    distributor = bindings.is_active(session, merchant_id, viewer_id)
    out = [{"rank": r["rank"], "commission_fen": r["commission_fen"],
            "me": distributor and r["user_id"] == viewer_id,
            "nickname": r["nickname"] if distributor and r["user_id"] == viewer_id
            else rules.mask_nickname(r["nickname"])} for r in rows]
    if distributor and not any(r["me"] for r in out):
        out.append(_rank_of(session, merchant_id, viewer_id))
    return out
