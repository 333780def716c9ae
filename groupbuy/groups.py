"""Opening and joining groups, and what payments, cancellations and refunds
of members' orders do to them. The seat is taken in Redis (one Lua script,
never over N) before the order is written; if the transaction fails, its
after-rollback hook (app.db.after_rollback) gives it back."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import after_rollback
from app.orders import service as orders
from app.orders.models import Order
from groupbuy import closing, push, rules
from groupbuy.activities import ensure_running, get_group_activity
from groupbuy.engine import Engine
from groupbuy.errors import (
    GroupClosed,
    GroupLimitReached,
    GroupNotFound,
    NewUsersOnly,
    SkuNotInActivity,
)
from groupbuy.models import Group, GroupActivity, GroupMember
from groupbuy.recovery import healed, load_group

SEATED = (rules.HELD, rules.PAID, rules.DONE)


def open_group(session: Session, engine: Engine, *, activity_id: int,
               sku_id: int, buyer_id: int, now: datetime) -> tuple[Group, Order]:
    """The buyer leads a new group of the activity's size for one SKU."""
    act = get_group_activity(session, activity_id)
    ensure_running(act, now)
    price = group_price(act, sku_id)
    check_buyer(session, act, buyer_id)
    group = Group(activity_id=act.id, merchant_id=act.merchant_id, sku_id=sku_id,
                  size=act.group_size, leader_id=buyer_id, status=rules.OPEN, paid_count=0,
                  opened_at=now, expires_at=now + timedelta(seconds=act.validity_s))
    session.add(group)
    session.flush()
    engine.load_group(group.id, size=group.size, expires_at=group.expires_at,
                      state="open", held=[], paid=[], now=now)
    after_rollback(session, lambda gid=group.id: engine.drop_group(gid))
    seat = _hold(session, engine, group, buyer_id, now)
    order = _write(session, act, group, buyer_id, seat,
                   rules.leader_price(price, act.leader_discount_fen), now, leader=True)
    closing.schedule_expiry(session, group)
    return group, order


def join_group(session: Session, engine: Engine, *, group_id: int,
               buyer_id: int, now: datetime) -> tuple[Group, Order]:
    """The seat is taken first, so a full group (or a second seat) is refused
    before any database work; a buyer refused after that gives it back."""
    group = get_group(session, group_id)
    act = session.get(GroupActivity, group.activity_id)
    if group.status != rules.OPEN:
        raise GroupClosed()
    ensure_running(act, now)
    seat = _hold(session, engine, group, buyer_id, now)
    check_buyer(session, act, buyer_id)
    order = _write(session, act, group, buyer_id, seat, group_price(act, group.sku_id), now,
                   leader=False)
    return group, order


def _hold(session: Session, engine: Engine, group: Group, buyer_id: int,
          now: datetime) -> str:
    """Take a seat in Redis (one Lua script) under a fresh seat id."""
    seat = secrets.token_hex(8)
    healed(lambda: engine.hold(group.id, buyer_id, seat, now),
           lambda: load_group(session, engine, group, now))
    after_rollback(session, lambda gid=group.id: engine.release(gid, buyer_id, seat))
    return seat


def _write(session: Session, act: GroupActivity, group: Group, buyer_id: int, seat: str,
           price_fen: int, now: datetime, *, leader: bool) -> Order:
    order = orders.create_order(session, buyer_id=buyer_id, lines=[(group.sku_id, 1)],
                                now=now, kind="groupbuy", prices={group.sku_id: price_fen})
    session.add(GroupMember(group_id=group.id, activity_id=act.id, user_id=buyer_id,
                            order_id=order.id, seat=seat, is_leader=leader, status=rules.HELD,
                            joined_at=now))
    session.flush()
    return order


def get_group(session: Session, group_id: int, *, lock: bool = False) -> Group:
    stmt = select(Group).where(Group.id == group_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    group = session.scalars(stmt).one_or_none()
    if group is None:
        raise GroupNotFound()
    return group


def group_price(act: GroupActivity, sku_id: int) -> int:
    for item in act.skus:
        if item.sku_id == sku_id:
            return item.group_price_fen
    raise SkuNotInActivity(details={"sku_id": sku_id})


def listed_price(prices: dict[tuple[int, int], int], activity_id: int, sku_id: int) -> int:
    """group_price from the prices of many activities read at once
    ((activity id, SKU id) -> group price)."""
    try:
        return prices[activity_id, sku_id]
    except KeyError:
        raise SkuNotInActivity(details={"sku_id": sku_id}) from None


def check_buyer(session: Session, act: GroupActivity, buyer_id: int) -> None:
    """New-users-only and the per-user limit, under the buyer's row lock so a
    buyer's racing joins are counted one after another."""
    session.execute(select(User.id).where(User.id == buyer_id).with_for_update())
    if act.new_users_only and session.scalar(
            select(Order.id).where(Order.buyer_id == buyer_id, Order.paid_at.is_not(None))
            .limit(1)) is not None:
        raise NewUsersOnly()
    seated = session.scalar(select(func.count()).select_from(GroupMember).where(
        GroupMember.activity_id == act.id, GroupMember.user_id == buyer_id,
        GroupMember.status.in_(SEATED)))
    if seated >= act.per_user_limit:
        raise GroupLimitReached(details={"limit": act.per_user_limit})


def member_of(session: Session, order_id: int) -> GroupMember | None:
    return session.scalar(select(GroupMember).where(GroupMember.order_id == order_id))


def on_paid(session: Session, engine: Engine, order: Order, now: datetime) -> None:
    """Confirm the member's seat; the N-th payment completes the group. A
    payment the group can no longer take (closed, expired, seat released) is
    refunded by a job of its own."""
    member = member_of(session, order.id)
    if member is None:
        return
    group = get_group(session, member.group_id, lock=True)
    paid = healed(lambda: engine.confirm(group.id, member.user_id, member.seat, now),
                  lambda: load_group(session, engine, group, now))
    member.paid_at = now
    if paid < 0 or group.status != rules.OPEN:
        member.status = rules.REFUND_DUE
        closing.schedule_refund(session, order.id)
        return
    member.status = rules.PAID
    group.paid_count = paid
    if paid == group.size - 1:
        push.almost_full(session, group)
    if paid >= group.size:
        closing.complete(session, engine, group, now, virtual=False)


def on_cancelled(session: Session, engine: Engine, order: Order, now: datetime) -> None:
    """An unpaid order gave up its seat: released once; a leader passes the lead."""
    member = member_of(session, order.id)
    if member is None or member.status != rules.HELD:
        return
    group = get_group(session, member.group_id, lock=True)
    engine.release(group.id, member.user_id, member.seat)
    member.status = rules.RELEASED
    _pass_lead(session, group, member)


def on_refunded(session: Session, engine: Engine, order: Order, now: datetime) -> None:
    """A wholly refunded member of a group still open leaves it (its seat is
    free again); a leader passes the lead to the next member. The expiry
    does not change."""
    member = member_of(session, order.id)
    if member is None or order.status != "refunded" or member.status == rules.REFUNDED:
        return
    group = get_group(session, member.group_id, lock=True)
    if group.status == rules.OPEN and member.status == rules.PAID:
        engine.release(group.id, member.user_id, member.seat)
        group.paid_count = max(group.paid_count - 1, 0)
    member.status = rules.REFUNDED
    if group.status == rules.OPEN:
        _pass_lead(session, group, member)


def _pass_lead(session: Session, group: Group, leaving: GroupMember) -> None:
    if not leaving.is_leader:
        return
    rows = session.execute(select(GroupMember.id, GroupMember.status)
                           .where(GroupMember.group_id == group.id,
                                  GroupMember.id != leaving.id)
                           .order_by(GroupMember.id)).all()
    next_id = rules.next_leader([(mid, status) for mid, status in rows])
    if next_id is None:
        return
    heir = session.get(GroupMember, next_id)
    leaving.is_leader, heir.is_leader = False, True
    group.leader_id = heir.user_id
