"""Rebuilding Redis from the database (the truth): a group's held and paid
seats, a bargain's remaining cuts and helpers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.orders import rules as order_rules
from app.orders.models import Order
from groupbuy import rules
from groupbuy.engine import Engine
from groupbuy.models import Bargain, BargainHelp, Group, GroupMember

REDIS_STATE = {rules.COMPLETED: "completed", rules.FAILED: "failed"}


def load_group(session: Session, engine: Engine, group: Group, now: datetime) -> None:
    """Held seats are members whose order still awaits payment; paid seats
    are members who paid while the group was open."""
    rows = session.execute(select(GroupMember.user_id, GroupMember.seat, GroupMember.status,
                                  Order.status)
                           .join(Order, Order.id == GroupMember.order_id)
                           .where(GroupMember.group_id == group.id)
                           .order_by(GroupMember.id)).all()
    held = [(uid, seat) for uid, seat, status, order_status in rows
            if status == rules.HELD and order_status == order_rules.PENDING]
    paid = [(uid, seat) for uid, seat, status, _ in rows if status in (rules.PAID, rules.DONE)]
    state = REDIS_STATE.get(group.status) or ("full" if len(paid) >= group.size else "open")
    engine.load_group(group.id, size=group.size, expires_at=group.expires_at, state=state,
                      held=held, paid=paid, now=now)


def load_bargain(session: Session, engine: Engine, bargain: Bargain, now: datetime) -> None:
    """The cuts left (what the helps did not take, rules.remaining_cuts) and
    the helpers so far."""
    helps = session.execute(select(BargainHelp.helper_id, BargainHelp.cut_fen,
                                   BargainHelp.head_fen)
                            .where(BargainHelp.bargain_id == bargain.id)).all()
    cuts = [int(c) for c in bargain.cuts.split(",")]
    left = sum(cuts) - sum(taken for _, taken, _ in helps)
    emptied = sum(1 for _, taken, head in helps if taken == head)
    engine.load_bargain(bargain.id, starter_id=bargain.starter_id,
                        expires_at=bargain.expires_at, state=bargain.status,
                        cuts=rules.remaining_cuts(cuts, left, emptied),
                        helpers=[h for h, _, _ in helps], now=now)


def rebuild(session: Session, engine: Engine, now: datetime) -> dict[str, int]:
    """Every open group and every live bargain, written afresh."""
    groups = list(session.scalars(select(Group).where(Group.status == rules.OPEN)))
    for group in groups:
        load_group(session, engine, group, now)
    bargains = list(session.scalars(select(Bargain).where(Bargain.expires_at > now)))
    for bargain in bargains:
        load_bargain(session, engine, bargain, now)
    return {"groups": len(groups), "bargains": len(bargains)}
