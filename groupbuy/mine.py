"""A buyer's own group-buys and bargains, newest first: the seats they took
(a seat given back when its order was cancelled or timed out is not listed)
with each group as buyers see it, and the bargains they started."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.catalog.models import Product, Sku
from groupbuy import rules
from groupbuy.engine import Engine
from groupbuy.models import Bargain, Group, GroupActivity, GroupMember
from groupbuy.queries import bargain_summary, summary


def _products(session: Session, sku_ids: set[int]) -> dict[int, dict]:
    rows = session.execute(select(Sku.id, Product.id, Product.title, Product.image_url)
                           .join(Product, Product.id == Sku.product_id)
                           .where(Sku.id.in_(sku_ids))).all() if sku_ids else []
    return {sku: {"product_id": pid, "product_title": title, "image_url": image}
            for sku, pid, title, image in rows}


def _paged(session: Session, stmt, order, page: int, per_page: int) -> tuple[list, int]:
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.execute(stmt.order_by(order).limit(per_page)
                           .offset((page - 1) * per_page)).all()
    return rows, total


def my_groups(session: Session, engine: Engine, *, user_id: int, now: datetime, page: int,
              per_page: int) -> tuple[list[dict], int]:
    """Each seat: its state, order and leadership, and its group (seats left
    counting held seats, from Redis)."""
    stmt = (select(GroupMember, Group).join(Group, Group.id == GroupMember.group_id)
            .where(GroupMember.user_id == user_id, GroupMember.status != rules.RELEASED))
    rows, total = _paged(session, stmt, GroupMember.id.desc(), page, per_page)
    groups = [group for _, group in rows]
    acts = {a.id: a for a in session.scalars(select(GroupActivity).where(
        GroupActivity.id.in_({g.activity_id for g in groups})))} if groups else {}
    taken = engine.seats_taken([g.id for g in groups]) if groups else {}
    found = _products(session, {g.sku_id for g in groups})
    items = []
    for member, group in rows:
        act = acts[group.activity_id]
        price = next(i.group_price_fen for i in act.skus if i.sku_id == group.sku_id)
        items.append({"seat_status": member.status, "order_id": member.order_id,
                      "is_leader": member.is_leader, "joined_at": member.joined_at,
                      "group": {**summary(group, now, taken[group.id]), **found[group.sku_id],
                                "title": act.title, "group_price_fen": price}})
    return items, total


def my_bargains(session: Session, *, user_id: int, now: datetime, page: int,
                per_page: int) -> tuple[list[dict], int]:
    stmt = select(Bargain).where(Bargain.starter_id == user_id)
    rows, total = _paged(session, stmt, Bargain.id.desc(), page, per_page)
    found = _products(session, {b.sku_id for (b,) in rows})
    return [{**bargain_summary(b, now), **found[b.sku_id]} for (b,) in rows], total
