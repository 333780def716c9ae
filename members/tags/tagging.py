"""Member tags: manual ones staff put on members, rule ones (tag_rules) that
`recompute` sets for every member of a merchant at once: one grouped query
for every member's order statistics, one for the links that stand, then the
difference inserted and deleted. Running it again changes nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from app.db import insert_ignore, insert_ignoring
from app.orders.models import Order
from members import members
from members.errors import (
    InvalidTagRule,
    MemberNotFound,
    TagInUse,
    TagNameTaken,
    TagNotFound,
    TagNotManual,
)
from members.models import MemberTag, MemberTagLink, Segment
from members.segments import expr as segment_expr
from members.tags import rules as tag_rules

CHANNEL_COLUMNS = {"room": Order.room_id, "share": Order.share_id,
                   "community": Order.community_id}


def rule_of(tag: MemberTag) -> tag_rules.Rule:
    return tag_rules.Rule(tag.metric, tag.op, tag.value, tag.channel)


def get_tag(session: Session, merchant_id: int, tag_id: int) -> MemberTag:
    tag = session.get(MemberTag, tag_id)
    if tag is None or tag.merchant_id != merchant_id:
        raise TagNotFound()
    return tag


def list_tags(session: Session, merchant_id: int) -> list[dict]:
    counts = dict(session.execute(select(MemberTagLink.tag_id, func.count())
                                  .where(MemberTagLink.merchant_id == merchant_id)
                                  .group_by(MemberTagLink.tag_id)).all())
    tags = session.scalars(select(MemberTag).where(MemberTag.merchant_id == merchant_id)
                           .order_by(MemberTag.name))
    return [{**shape(t), "members": counts.get(t.id, 0)} for t in tags]


def shape(tag: MemberTag) -> dict:
    rule = None if tag.kind == "manual" else {"metric": tag.metric, "op": tag.op or None,
                                              "value": tag.value, "channel": tag.channel or None}
    return {"id": tag.id, "name": tag.name, "kind": tag.kind, "rule": rule}


def create_tag(session: Session, merchant_id: int, data: dict, now: datetime) -> MemberTag:
    rule = data.get("rule")
    values = {}
    if rule is not None:
        checked = tag_rules.Rule(rule["metric"], rule.get("op", ""), rule.get("value", 0),
                                 rule.get("channel", ""))
        if (why := tag_rules.problem(checked)) is not None:
            raise InvalidTagRule(why, details={"rule": why})
        values = {"metric": checked.metric, "op": checked.op, "value": checked.value,
                  "channel": checked.channel}
    if session.scalar(select(MemberTag.id).where(MemberTag.merchant_id == merchant_id,
                                                 MemberTag.name == data["name"])):
        raise TagNameTaken(details={"name": data["name"]})
    tag = MemberTag(merchant_id=merchant_id, name=data["name"],
                    kind="manual" if rule is None else "rule", created_at=now, **values)
    session.add(tag)
    session.flush()
    if rule is not None:
        recompute(session, merchant_id, now, tag_id=tag.id)
    return tag


def delete_tag(session: Session, merchant_id: int, tag_id: int) -> None:
    tag = get_tag(session, merchant_id, tag_id)
    users = [s.name for s in session.scalars(select(Segment).where(
        Segment.merchant_id == merchant_id)) if tag.name in _names(s.expr)]
    if users:
        raise TagInUse(details={"segments": users})
    session.execute(delete(MemberTagLink).where(MemberTagLink.tag_id == tag.id))
    session.delete(tag)


def _names(expr: str) -> set[str]:
    return segment_expr.names(segment_expr.parse(expr))


def tag_members(session: Session, merchant_id: int, tag_id: int, user_ids: list[int],
                now: datetime) -> int:
    """Put a manual tag on members; returns how many did not have it."""
    tag = _manual(session, merchant_id, tag_id)
    missing = sorted(set(user_ids) - members.member_ids(session, merchant_id))
    if missing:
        raise MemberNotFound(details={"user_ids": missing})
    return sum(insert_ignore(session, MemberTagLink, tag_id=tag.id, merchant_id=merchant_id,
                             user_id=user_id, at=now) for user_id in sorted(set(user_ids)))


def untag_member(session: Session, merchant_id: int, tag_id: int, user_id: int) -> None:
    tag = _manual(session, merchant_id, tag_id)
    members.get_member(session, merchant_id, user_id)
    session.execute(delete(MemberTagLink).where(MemberTagLink.tag_id == tag.id,
                                                MemberTagLink.user_id == user_id))


def _manual(session: Session, merchant_id: int, tag_id: int) -> MemberTag:
    tag = get_tag(session, merchant_id, tag_id)
    if tag.kind != "manual":
        raise TagNotManual(details={"tag": tag.name})
    return tag


def member_stats(session: Session, merchant_id: int) -> dict[int, tag_rules.Stats]:
    """Every buyer's order statistics at this merchant, in one grouped query."""
    counted = Order.status != "refunded"
    flags = [func.max(case((col.isnot(None), 1), else_=0)) for col in CHANNEL_COLUMNS.values()]
    rows = session.execute(
        select(Order.buyer_id, func.sum(Order.total_fen - Order.refunded_fen),
               func.sum(case((counted, 1), else_=0)),
               func.max(case((counted, Order.paid_at), else_=None)), *flags)
        .where(Order.merchant_id == merchant_id, Order.paid_at.isnot(None),
               Order.status.in_(members.ORDERED_STATES))
        .group_by(Order.buyer_id))
    out = {}
    for buyer_id, spend, count, last, *channel_flags in rows:
        channels = frozenset(c for c, flag in zip(CHANNEL_COLUMNS, channel_flags, strict=True)
                             if flag)
        out[buyer_id] = tag_rules.Stats(int(spend or 0), int(count or 0), last, channels)
    return out


def recompute(session: Session, merchant_id: int, now: datetime,
              tag_id: int | None = None) -> dict[str, int]:
    """Set every rule tag (or one) on exactly the members its rule matches."""
    members.backfill(session, merchant_id, now)
    stmt = select(MemberTag).where(MemberTag.merchant_id == merchant_id,
                                   MemberTag.kind == "rule")
    if tag_id is not None:
        stmt = stmt.where(MemberTag.id == tag_id)
    rule_tags = list(session.scalars(stmt))
    if not rule_tags:
        return {"added": 0, "removed": 0}
    stats = member_stats(session, merchant_id)
    everyone = members.member_ids(session, merchant_id)
    want = {(t.id, u) for t in rule_tags for u in everyone
            if tag_rules.matches(rule_of(t), stats.get(u, tag_rules.Stats()), now)}
    have = {(t, u): link_id for link_id, t, u in session.execute(
        select(MemberTagLink.id, MemberTagLink.tag_id, MemberTagLink.user_id)
        .where(MemberTagLink.tag_id.in_([t.id for t in rule_tags])))}
    gone = [link_id for pair, link_id in have.items() if pair not in want]
    if gone:
        session.execute(delete(MemberTagLink).where(MemberTagLink.id.in_(gone)))
    added = sorted(want - set(have))
    if added:
        session.execute(insert_ignoring(session, MemberTagLink),
                        [{"tag_id": t, "merchant_id": merchant_id, "user_id": u, "at": now}
                         for t, u in added])
    return {"added": len(added), "removed": len(gone)}



def merchants_with_rule_tags(session: Session) -> list[int]:
    return list(session.scalars(select(MemberTag.merchant_id).where(MemberTag.kind == "rule")
                                .distinct().order_by(MemberTag.merchant_id)))
