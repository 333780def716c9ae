"""The staff's member list: each member with the points they can use now
(computed from their entries, as the member sees it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from members import members
from members.points import ledger as points_ledger


def page(session: Session, merchant_id: int, *, page: int, per_page: int,
         now: datetime) -> tuple[list[dict], int]:
    rows, total = members.list_members(session, merchant_id, page=page, per_page=per_page)
    return [{**row, "points": points_ledger.balance(session, merchant_id, row["user_id"], now)}
            for row in rows], total
