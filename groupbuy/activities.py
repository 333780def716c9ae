"""Merchant staff: group-buy and bargain activities, their groups and the
success rate. Only the fields named here are copied from a request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.catalog.errors import SkuNotFound
from app.catalog.models import Product, Sku
from app.db import paginate
from groupbuy import rules
from groupbuy.errors import (
    ActivityEnded,
    ActivityNotActive,
    BargainActivityNotFound,
    GroupActivityNotFound,
    InvalidActivity,
    TooFewFenToCut,
)
from groupbuy.models import BargainActivity, BargainHelp, Group, GroupActivity, GroupSku

GROUP_FIELDS = ("title", "group_size", "starts_at", "ends_at", "validity_s", "per_user_limit",
                "leader_discount_fen", "new_users_only", "virtual_pct")
BARGAIN_FIELDS = ("title", "sku_id", "start_price_fen", "floor_price_fen", "helpers_needed",
                  "validity_s", "starts_at", "ends_at", "start_limit", "help_limit",
                  "daily_help_limit", "buy_above_floor", "min_account_age_s",
                  "sharer_daily_help_limit", "risk_threshold", "risk_action", "risky_cut_bps")
PATCH_FIELDS = ("title", "ends_at", "status")
RISK_FIELDS = ("min_account_age_s", "sharer_daily_help_limit", "risk_threshold",
               "risk_action", "risky_cut_bps")


def ensure_running(act: GroupActivity | BargainActivity, now: datetime) -> None:
    """409 `activity_ended` after its end, `activity_not_active` before its
    start or while disabled."""
    phase = rules.activity_phase(act.status, act.starts_at, act.ends_at, now)
    if phase == "ended":
        raise ActivityEnded(details={"ends_at": act.ends_at.isoformat()})
    if phase != "running":
        raise ActivityNotActive()


def _merchant_skus(session: Session, merchant_id: int, sku_ids: list[int]) -> None:
    found = set(session.scalars(select(Sku.id).join(Product, Sku.product_id == Product.id)
                                .where(Sku.id.in_(sku_ids), Product.merchant_id == merchant_id)))
    missing = [i for i in sku_ids if i not in found]
    if missing:
        raise SkuNotFound(details={"sku_ids": missing})


def _check_window(data: dict) -> None:
    if data["ends_at"] <= data["starts_at"]:
        raise InvalidActivity("The activity must end after it starts.")


def create_group_activity(session: Session, *, merchant_id: int, data: dict,
                          now: datetime) -> GroupActivity:
    _check_window(data)
    sku_ids = [item["sku_id"] for item in data["skus"]]
    if len(set(sku_ids)) != len(sku_ids):
        raise InvalidActivity("A SKU is listed twice.")
    _merchant_skus(session, merchant_id, sku_ids)
    act = GroupActivity(merchant_id=merchant_id, status="active", created_at=now,
                        **{k: data[k] for k in GROUP_FIELDS})
    act.skus = [GroupSku(sku_id=i["sku_id"], group_price_fen=i["group_price_fen"])
                for i in data["skus"]]
    session.add(act)
    session.flush()
    return act


def create_bargain_activity(session: Session, *, merchant_id: int, data: dict,
                            now: datetime) -> BargainActivity:
    """The floor is below the start, and every helper cuts at least 1 fen."""
    _check_window(data)
    if data["floor_price_fen"] >= data["start_price_fen"]:
        raise InvalidActivity("The floor must be below the start price.")
    if data["start_price_fen"] - data["floor_price_fen"] < data["helpers_needed"]:
        raise TooFewFenToCut()
    _merchant_skus(session, merchant_id, [data["sku_id"]])
    act = BargainActivity(merchant_id=merchant_id, status="active", created_at=now,
                          **{k: data[k] for k in BARGAIN_FIELDS})
    session.add(act)
    session.flush()
    return act


def get_group_activity(session: Session, activity_id: int,
                       merchant_id: int | None = None) -> GroupActivity:
    act = session.get(GroupActivity, activity_id)
    if act is None or merchant_id not in (None, act.merchant_id):
        raise GroupActivityNotFound()
    return act


def get_bargain_activity(session: Session, activity_id: int,
                         merchant_id: int | None = None) -> BargainActivity:
    act = session.get(BargainActivity, activity_id)
    if act is None or merchant_id not in (None, act.merchant_id):
        raise BargainActivityNotFound()
    return act


def update_activity(act, data: dict, extra: tuple[str, ...] = ()):
    """Title, end and status (active/disabled) may change, and the `extra`
    fields named (a bargain's risk settings); the rest is fixed once people
    have joined."""
    for key in PATCH_FIELDS + extra:
        if key in data:
            setattr(act, key, data[key])
    if act.ends_at <= act.starts_at:
        raise InvalidActivity("The activity must end after it starts.")
    return act


def list_activities(session: Session, model, *, merchant_id: int, page: int,
                    per_page: int) -> tuple[list, int]:
    return paginate(session, select(model).where(model.merchant_id == merchant_id),
                    order_by=model.id.desc(), page=page, per_page=per_page)


def list_groups(session: Session, *, activity_id: int, status: str | None, page: int,
                per_page: int) -> tuple[list[Group], int]:
    stmt = select(Group).where(Group.activity_id == activity_id)
    if status:
        stmt = stmt.where(Group.status == status)
    return paginate(session, stmt, order_by=Group.id.desc(), page=page, per_page=per_page)


def list_helps(session: Session, *, activity_id: int, risky: bool | None, page: int,
               per_page: int) -> tuple[list[BargainHelp], int]:
    """The activity's helps, newest first, with their risk scores."""
    stmt = select(BargainHelp).where(BargainHelp.activity_id == activity_id)
    if risky is not None:
        stmt = stmt.where(BargainHelp.risky.is_(risky))
    return paginate(session, stmt, order_by=BargainHelp.id.desc(), page=page,
                    per_page=per_page)


def stats(session: Session, activity_id: int) -> dict:
    """Groups per state, virtual completions and the success rate (completed
    among closed groups, in bps)."""
    rows = dict(session.execute(select(Group.status, func.count())
                                .where(Group.activity_id == activity_id)
                                .group_by(Group.status)).all())
    virtual = session.scalar(select(func.count()).select_from(Group).where(
        Group.activity_id == activity_id, Group.virtual.is_(True)))
    done, failed = rows.get(rules.COMPLETED, 0), rows.get(rules.FAILED, 0)
    return {"open": rows.get(rules.OPEN, 0), "completed": done, "failed": failed,
            "virtual": virtual, "success_rate_bps": rules.success_rate_bps(done, failed)}
