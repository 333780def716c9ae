"""Segments: a saved tag expression (segment_expr) per merchant, evaluated
with sets: everyone is the merchant's members, each tag name the members
holding that tag. Unknown tag names and bad expressions are refused when
saved or previewed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from members import members
from members.errors import (
    BadSegmentExpression,
    SegmentNameTaken,
    SegmentNotFound,
    UnknownTag,
)
from members.models import MemberTag, MemberTagLink, Segment
from members.segments import expr as segment_expr

SAMPLE = 20


def parse_checked(session: Session, merchant_id: int, expr: str) -> tuple:
    try:
        tree = segment_expr.parse(expr)
    except segment_expr.ExprError as exc:
        raise BadSegmentExpression(f"{exc.reason.replace('_', ' ')} at {exc.position}",
                                   details={"reason": exc.reason, "position": exc.position,
                                            "token": exc.token}) from exc
    wanted = segment_expr.names(tree)
    known = set(session.scalars(select(MemberTag.name).where(
        MemberTag.merchant_id == merchant_id, MemberTag.name.in_(sorted(wanted)))))
    if wanted - known:
        raise UnknownTag(details={"tags": sorted(wanted - known)})
    return tree


def members_of(session: Session, merchant_id: int, tree: tuple) -> set[int]:
    tagged: dict[str, set[int]] = {}
    for name, user_id in session.execute(
            select(MemberTag.name, MemberTagLink.user_id)
            .join(MemberTagLink, MemberTagLink.tag_id == MemberTag.id)
            .where(MemberTag.merchant_id == merchant_id,
                   MemberTag.name.in_(sorted(segment_expr.names(tree))))):
        tagged.setdefault(name, set()).add(user_id)
    return segment_expr.evaluate(tree, tagged, members.member_ids(session, merchant_id))


def preview(session: Session, merchant_id: int, expr: str) -> dict:
    picked = sorted(members_of(session, merchant_id, parse_checked(session, merchant_id, expr)))
    return {"expr": expr, "count": len(picked), "sample_user_ids": picked[:SAMPLE]}


def get_segment(session: Session, merchant_id: int, segment_id: int) -> Segment:
    segment = session.get(Segment, segment_id)
    if segment is None or segment.merchant_id != merchant_id:
        raise SegmentNotFound()
    return segment


def list_segments(session: Session, merchant_id: int) -> list[Segment]:
    return list(session.scalars(select(Segment).where(Segment.merchant_id == merchant_id)
                                .order_by(Segment.name)))


def save(session: Session, merchant_id: int, data: dict, now: datetime,
         segment_id: int | None = None) -> Segment:
    """Create (no id) or replace a segment."""
    segment = Segment(merchant_id=merchant_id) if segment_id is None else \
        get_segment(session, merchant_id, segment_id)
    parse_checked(session, merchant_id, data["expr"])
    clash = session.scalar(select(Segment.id).where(Segment.merchant_id == merchant_id,
                                                    Segment.name == data["name"]))
    if clash is not None and clash != segment_id:
        raise SegmentNameTaken(details={"name": data["name"]})
    segment.name, segment.expr, segment.updated_at = data["name"], data["expr"], now
    session.add(segment)
    session.flush()
    return segment


def delete_segment(session: Session, merchant_id: int, segment_id: int) -> None:
    session.delete(get_segment(session, merchant_id, segment_id))
