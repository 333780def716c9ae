"""Rebuilding Redis from the database (the truth): a group's held and paid
seats, a bargain's remaining cuts and helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.orders import rules as order_rules
from app.orders.models import Order
from groupbuy import rules
from groupbuy.engine import Engine, StateMissing
from groupbuy.errors import StateUnavailable
from groupbuy.models import Bargain, BargainHelp, Group, GroupMember

REDIS_STATE = {rules.COMPLETED: "completed", rules.FAILED: "failed"}
T = TypeVar("T")


def healed(call: Callable[[], T], rebuild: Callable[[], object]) -> T:
    """Run a script call; if Redis lost the object's state, rebuild that one
    object from the database and call once more. Still missing (Redis is
    being emptied as we speak): 503 `state_unavailable`, never a 500."""
    try:
        return call()
    except StateMissing:
        rebuild()
    try:
        return call()
    except StateMissing:
        raise StateUnavailable() from None


def load_group(session: Session, engine: Engine, group: Group, now: datetime) -> bool:
    """Heal a group's missing state. Held seats are members still holding
    theirs (their order awaits payment, or is being paid in this very
    transaction: a payment healing the state must find its own seat); paid
    seats are members who paid while the group was open. Written only if
    still missing, so racing healers write it once."""
    rows = session.execute(select(GroupMember.user_id, GroupMember.seat, GroupMember.status,
                                  Order.status)
                           .join(Order, Order.id == GroupMember.order_id)
                           .where(GroupMember.group_id == group.id)
                           .order_by(GroupMember.id)).all()
    held = [(uid, seat) for uid, seat, status, order_status in rows
            if status == rules.HELD and order_status != order_rules.CANCELLED]
    paid = [(uid, seat) for uid, seat, status, _ in rows if status in (rules.PAID, rules.DONE)]
    state = REDIS_STATE.get(group.status) or ("full" if len(paid) >= group.size else "open")
    return engine.load_group(group.id, size=group.size, expires_at=group.expires_at,
                             state=state, held=held, paid=paid, now=now, heal=True)


def load_bargain(session: Session, engine: Engine, bargain: Bargain, now: datetime, *,
                 heal: bool = True) -> bool:
    """The cuts left (what the helps did not take: rules.remaining_cuts) and
    the helpers so far; healing writes only if the state is still missing,
    so racing healers write it once."""
    helps = session.execute(select(BargainHelp.helper_id, BargainHelp.cut_fen,
                                   BargainHelp.head_fen)
                            .where(BargainHelp.bargain_id == bargain.id)).all()
    cuts = [int(c) for c in bargain.cuts.split(",")]
    left = sum(cuts) - sum(taken for _, taken, _ in helps)
    emptied = sum(1 for _, taken, head in helps if taken == head)
    return engine.load_bargain(bargain.id, starter_id=bargain.starter_id,
                               expires_at=bargain.expires_at, state=bargain.status,
                               cuts=rules.remaining_cuts(cuts, left, emptied),
                               helpers=[h for h, _, _ in helps], now=now, heal=heal)


def rebuild(session: Session, engine: Engine, now: datetime) -> dict[str, int]:
    """Every open group and every live bargain, written afresh."""
    groups = list(session.scalars(select(Group).where(Group.status == rules.OPEN)))
    for group in groups:
        load_group(session, engine, group, now)
    bargains = list(session.scalars(select(Bargain).where(Bargain.expires_at > now)))
    for bargain in bargains:
        load_bargain(session, engine, bargain, now)
    return {"groups": len(groups), "bargains": len(bargains)}
