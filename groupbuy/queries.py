"""What buyers see: open groups for a SKU (nearest to full first), a group,
a bargain; and the share describers for groups and bargains."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.catalog.errors import SkuNotFound
from app.catalog.models import Product, Sku
from app.subscribe_messages.templates import TargetInfo
from groupbuy import rules
from groupbuy.bargains import get_bargain
from groupbuy.engine import Engine
from groupbuy.groups import get_group
from groupbuy.models import (
    Bargain,
    BargainActivity,
    BargainHelp,
    Group,
    GroupActivity,
    GroupMember,
)

GROUP_PATH = "/pages/groupbuy/group?id={id}"
BARGAIN_PATH = "/pages/bargain/detail?id={id}"
LIST_LIMIT = 20


def open_groups(session: Session, engine: Engine, *, sku_id: int, now: datetime) -> list[dict]:
    """Groups with at least one paid member still taking members, fewest
    seats left first, then soonest to expire."""
    if session.get(Sku, sku_id) is None:
        raise SkuNotFound()
    groups = list(session.scalars(select(Group).where(
        Group.sku_id == sku_id, Group.status == rules.OPEN, Group.expires_at > now,
        Group.paid_count > 0).order_by(Group.paid_count.desc(), Group.expires_at)
        .limit(LIST_LIMIT * 2)))
    taken = engine.seats_taken([g.id for g in groups])
    views = [summary(g, now, taken[g.id]) for g in groups]
    views = [v for v in views if v["seats_left"] > 0]
    views.sort(key=lambda v: (v["seats_left"], v["expires_at"]))
    return views[:LIST_LIMIT]


def summary(group: Group, now: datetime, taken: int | None = None) -> dict:
    """Seats left count held seats too (from Redis) when known."""
    taken = group.paid_count if taken is None else taken
    return {"id": group.id, "activity_id": group.activity_id, "sku_id": group.sku_id,
            "size": group.size, "status": group.status, "virtual": group.virtual,
            "paid_count": group.paid_count, "leader_id": group.leader_id,
            "seats_left": rules.seats_left(group.size, taken) if group.status == rules.OPEN
            else 0,
            "expires_at": group.expires_at,
            "seconds_left": max(int((group.expires_at - now).total_seconds()), 0),
            "path": GROUP_PATH.format(id=group.id)}


def group_view(session: Session, engine: Engine, group_id: int, now: datetime) -> dict:
    group = get_group(session, group_id)
    act = session.get(GroupActivity, group.activity_id)
    price = next(i.group_price_fen for i in act.skus if i.sku_id == group.sku_id)
    members = session.execute(select(GroupMember.user_id, User.nickname, User.avatar_url,
                                     GroupMember.is_leader)
                              .join(User, User.id == GroupMember.user_id)
                              .where(GroupMember.group_id == group.id,
                                     GroupMember.status.in_((rules.PAID, rules.DONE)))
                              .order_by(GroupMember.id)).all()
    taken = engine.seats_taken([group.id])[group.id]
    return {**summary(group, now, taken), **_product_fields(session, group.sku_id),
            "title": act.title, "group_price_fen": price,
            "members": [{"user_id": u, "nickname": n, "avatar_url": a, "is_leader": lead}
                        for u, n, a, lead in members]}


def bargain_view(session: Session, bargain_id: int, now: datetime) -> dict:
    """The bargain with its product and its helpers, first help first."""
    bargain = get_bargain(session, bargain_id)
    helpers = session.execute(select(User.id, User.nickname, User.avatar_url,
                                     BargainHelp.cut_fen, BargainHelp.at)
                              .join(User, User.id == BargainHelp.helper_id)
                              .where(BargainHelp.bargain_id == bargain.id)
                              .order_by(BargainHelp.id)).all()
    act = session.get(BargainActivity, bargain.activity_id)
    buyable = (bargain.status == rules.ACTIVE and now < bargain.expires_at
               and rules.can_buy(bargain.price_fen, bargain.floor_price_fen, act.buy_above_floor))
    return {**bargain_summary(bargain, now), **_product_fields(session, bargain.sku_id),
            "buyable": buyable,
            "helpers": [{"user_id": u, "nickname": n, "avatar_url": a, "cut_fen": cut, "at": at}
                        for u, n, a, cut, at in helpers]}


def bargain_summary(bargain: Bargain, now: datetime) -> dict:
    return {"id": bargain.id, "activity_id": bargain.activity_id,
            "starter_id": bargain.starter_id, "sku_id": bargain.sku_id,
            "start_price_fen": bargain.start_price_fen,
            "floor_price_fen": bargain.floor_price_fen, "price_fen": bargain.price_fen,
            "helps_count": bargain.helps_count, "helpers_needed": len(bargain.cuts.split(",")),
            "status": bargain.status, "expires_at": bargain.expires_at,
            "expired": now >= bargain.expires_at, "order_id": bargain.order_id,
            "seconds_left": max(int((bargain.expires_at - now).total_seconds()), 0),
            "path": BARGAIN_PATH.format(id=bargain.id)}


def _product(session: Session, sku_id: int) -> Product:
    return session.scalar(select(Product).join(Sku, Sku.product_id == Product.id)
                          .where(Sku.id == sku_id))


def _product_fields(session: Session, sku_id: int) -> dict:
    product = _product(session, sku_id)
    return {"product_id": product.id, "product_title": product.title,
            "image_url": product.image_url}


def describe_group(session: Session, group_id: int | None) -> dict:
    """Share target: the group's join page with its context."""
    group = get_group(session, group_id or 0)
    act = session.get(GroupActivity, group.activity_id)
    product = _product(session, group.sku_id)
    price = next(i.group_price_fen for i in act.skus if i.sku_id == group.sku_id)
    return {"title": act.title, "price_fen": price, "image_url": product.image_url,
            "path": GROUP_PATH.format(id=group.id), "group_id": group.id,
            "size": group.size, "paid_count": group.paid_count, "status": group.status,
            "expires_at": group.expires_at.isoformat()}


def describe_bargain(session: Session, bargain_id: int | None) -> dict:
    bargain = get_bargain(session, bargain_id or 0)
    product = _product(session, bargain.sku_id)
    return {"title": product.title, "price_fen": bargain.price_fen,
            "image_url": product.image_url, "path": BARGAIN_PATH.format(id=bargain.id),
            "bargain_id": bargain.id, "status": bargain.status,
            "expires_at": bargain.expires_at.isoformat()}


def remind_target(session: Session, group_id: int, _now: datetime) -> TargetInfo | None:
    """What a group-buy subscription points at."""
    group = session.get(Group, group_id)
    if group is None:
        return None
    title = session.get(GroupActivity, group.activity_id).title
    return TargetInfo(merchant_id=group.merchant_id, title=title)
