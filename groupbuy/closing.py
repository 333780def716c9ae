"""How a group ends. Completion happens once (a guarded UPDATE on `open`)
and moves every paid member's order on. Expiry short of N fails the group
(or completes it virtually at the threshold) and marks each paid member for
a refund; each refund goes through the payments refund path in its own
transaction, keyed by group and order so that repeats make nothing new."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.db import after_commit
from app.errors import DomainError
from app.orders import rules as order_rules
from app.orders import service as orders
from app.payments import refunds, schedule
from app.queue import enqueue
from groupbuy import push, rules
from groupbuy.engine import Engine
from groupbuy.models import Group, GroupActivity, GroupMember


def _close(session: Session, group: Group, status: str, now: datetime, **values) -> bool:
    """Open -> `status` once (guarded); a group closed first is read again."""
    result = session.execute(update(Group).where(Group.id == group.id,
                                                 Group.status == rules.OPEN)
                             .values(status=status, closed_at=now, **values)
                             .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        session.refresh(group)
        return False
    for key, value in {"status": status, "closed_at": now, **values}.items():
        set_committed_value(group, key, value)
    return True


def complete(session: Session, engine: Engine, group: Group, now: datetime, *,
             virtual: bool) -> bool:
    """Open -> completed once: paid members' orders go on to shipping and
    the members hear of it (after the commit). False if already closed."""
    if not _close(session, group, rules.COMPLETED, now, virtual=virtual):
        return False
    engine.close(group.id, "completed")
    members = _members(session, group.id, rules.PAID)
    member_orders = orders.orders_by_id(session, [m.order_id for m in members])
    for member in members:
        member.status = rules.DONE
        order = member_orders[member.order_id]
        if order.status == order_rules.GROUPING:
            orders.move(session, order, order_rules.TO_SHIP)
    data = {"group_id": group.id, "status": rules.COMPLETED, "virtual": virtual}
    users = [m.user_id for m in members]
    after_commit(session, lambda: push.members("group_completed", users, data))
    return True


def expire(session: Session, engine: Engine, group_id: int, now: datetime) -> str:
    """A group still open at its expiry: virtually completed when at the
    threshold, otherwise failed with every paid member due a refund."""
    group = session.scalars(select(Group).where(Group.id == group_id).with_for_update()
                            .execution_options(populate_existing=True)).one_or_none()
    if group is None or group.status != rules.OPEN or now < group.expires_at:
        return "not_due"
    act = session.get(GroupActivity, group.activity_id)
    if rules.virtually_complete(group.paid_count, group.size, act.virtual_pct):
        complete(session, engine, group, now, virtual=True)
        return "virtual"
    _close(session, group, rules.FAILED, now)
    engine.close(group.id, "failed")
    members = _members(session, group.id, rules.PAID)
    for member in members:
        member.status = rules.REFUND_DUE
    data = {"group_id": group.id, "status": rules.FAILED, "virtual": False}
    users = [m.user_id for m in members]
    after_commit(session, lambda: push.members("group_failed", users, data))
    return "failed"


def _members(session: Session, group_id: int, status: str) -> list[GroupMember]:
    return list(session.scalars(select(GroupMember).where(
        GroupMember.group_id == group_id, GroupMember.status == status)
        .order_by(GroupMember.id)))


def refund_member(session: Session, order_id: int, now: datetime) -> int | None:
    """Ask the payments refund path to send back a member's whole order
    (idempotent by the refund key gb-<group>-<order>). Returns the id of a
    refund this call created, else None."""
    member = session.scalar(select(GroupMember).where(GroupMember.order_id == order_id))
    if member is None or member.status != rules.REFUND_DUE:
        return None
    order = orders.lock_order(session, order_id)
    session.refresh(member)
    if member.status != rules.REFUND_DUE:
        return None
    lines = [{"line_id": line.id, "quantity": line.quantity} for line in order.lines]
    try:
        refund, created = refunds.request_refund(
            session, order_id=order_id, merchant_id=order.merchant_id,
            refund_key=f"gb-{member.group_id}-{order_id}", lines=lines,
            reason="group-buy not completed", restock=True, requested_by=None, now=now)
    except DomainError:
        if order.status != order_rules.REFUNDED:
            raise  # e.g. a staff refund still processing: the sweep tries again
        member.status = rules.REFUNDED  # refunded some other way already
        return None
    member.status = rules.REFUNDING
    if created:
        schedule.submit_refund(session, refund.id)
        return refund.id
    return None


def due_groups(session: Session, now: datetime, limit: int = 500) -> list[int]:
    return list(session.scalars(select(Group.id).where(Group.status == rules.OPEN,
                                                       Group.expires_at <= now)
                                .order_by(Group.expires_at).limit(limit)))


def refunds_due(session: Session, *, group_id: int | None = None,
                limit: int = 500) -> list[int]:
    stmt = select(GroupMember.order_id).where(GroupMember.status == rules.REFUND_DUE)
    if group_id is not None:
        stmt = stmt.where(GroupMember.group_id == group_id)
    return list(session.scalars(stmt.order_by(GroupMember.id).limit(limit)))


def schedule_expiry(session: Session, group: Group) -> None:
    enqueue(session, "groupbuy.jobs.expire", group.id, queue="promotions",
            job_id=f"gb-expire-{group.id}", at=group.expires_at)


def schedule_refund(session: Session, order_id: int) -> None:
    enqueue(session, "groupbuy.jobs.refund_member", order_id, queue="promotions",
            job_id=f"gb-refund-{order_id}")
