"""Staff use cases for flash-sale activities: create, edit before the start,
publish (the quota leaves the SKU's stock), stop. Services never commit;
the caller loads Redis after the commit (`load_args`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.catalog import service as catalog
from app.catalog import stock
from app.catalog.models import Product, Sku
from app.db import paginate
from flashsale import errors, returns, rules
from flashsale.models import FlashActivity, FlashOrder

TERM_FIELDS = ("price_fen", "quota", "per_user_limit", "per_order_limit", "starts_at",
               "ends_at")


def terms_of(activity: FlashActivity) -> rules.Terms:
    return rules.Terms(activity.price_fen, activity.quota, activity.per_user_limit,
                       activity.per_order_limit, activity.starts_at, activity.ends_at,
                       rules.parse_slots(activity.slots))


def intervals(activity: FlashActivity) -> list[tuple[datetime, datetime]]:
    return rules.open_intervals(terms_of(activity))


def phase(activity: FlashActivity, now: datetime) -> str:
    return rules.phase(activity.status, intervals(activity), now)


def _sku(session: Session, merchant_id: int, sku_id: int) -> tuple[Sku, Product]:
    row = session.execute(select(Sku, Product).join(Product, Sku.product_id == Product.id)
                          .where(Sku.id == sku_id)).one_or_none()
    if row is None or row[1].merchant_id != merchant_id:
        raise errors.InvalidActivity(details={"sku_id": "No such SKU in this shop."})
    return row[0], row[1]


def _check(activity: FlashActivity, list_price_fen: int) -> None:
    try:
        rules.check_terms(terms_of(activity), list_price_fen=list_price_fen)
    except rules.Invalid as exc:
        raise errors.InvalidActivity(exc.message, details={exc.field: exc.message}) from exc


def _slots(data: dict) -> str:
    try:
        return rules.format_slots(tuple(rules.parse_slot(s) for s in data.get("slots", [])))
    except rules.Invalid as exc:
        raise errors.InvalidActivity(exc.message, details={exc.field: exc.message}) from exc


def create(session: Session, *, staff_id: int, merchant_id: int, data: dict,
           now: datetime) -> FlashActivity:
    catalog.check_staff(session, staff_id, merchant_id)
    sku, product = _sku(session, merchant_id, data["sku_id"])
    activity = FlashActivity(merchant_id=merchant_id, sku_id=sku.id, product_id=product.id,
                             title=data.get("title") or product.title, slots=_slots(data),
                             status=rules.DRAFT, sold=0, returned_to_sku=0, created_at=now,
                             **{k: data[k] for k in TERM_FIELDS})
    _check(activity, sku.price_fen)
    session.add(activity)
    session.flush()
    return activity


def get(session: Session, activity_id: int, *, merchant_id: int | None = None,
        lock: bool = False) -> FlashActivity:
    stmt = select(FlashActivity).where(FlashActivity.id == activity_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    activity = session.scalars(stmt).one_or_none()
    if activity is None or (merchant_id is not None and activity.merchant_id != merchant_id):
        raise errors.ActivityNotFound()
    return activity


def get_public(session: Session, activity_id: int) -> FlashActivity:
    """Buyers never see a draft."""
    activity = get(session, activity_id)
    if activity.status == rules.DRAFT:
        raise errors.ActivityNotFound()
    return activity


def staff_get(session: Session, *, staff_id: int, merchant_id: int,
              activity_id: int) -> FlashActivity:
    catalog.check_staff(session, staff_id, merchant_id)
    return get(session, activity_id, merchant_id=merchant_id)


def edit(session: Session, *, staff_id: int, merchant_id: int, activity_id: int,
         data: dict, now: datetime) -> FlashActivity:
    """Only before the start. A published sale's quota change moves the
    difference between the SKU and the sale (guarded)."""
    staff_get(session, staff_id=staff_id, merchant_id=merchant_id, activity_id=activity_id)
    activity = get(session, activity_id, lock=True)
    if not rules.editable(activity.status, activity.starts_at, now):
        raise errors.NotEditable(details={"status": activity.status})
    old_quota = activity.quota
    for field in (*TERM_FIELDS, "title"):
        if field in data:
            setattr(activity, field, data[field])
    if "slots" in data:
        activity.slots = _slots(data)
    sku, _ = _sku(session, merchant_id, activity.sku_id)
    _check(activity, sku.price_fen)
    if activity.status == rules.PUBLISHED and activity.quota != old_quota:
        stock.adjust(session, activity.sku_id, old_quota - activity.quota)
    session.flush()
    return activity


def publish(session: Session, *, staff_id: int, merchant_id: int, activity_id: int,
            now: datetime) -> FlashActivity:
    """Draft -> published, before the end: the quota leaves the SKU's stock
    (OutOfStock if the SKU has less)."""
    staff_get(session, staff_id=staff_id, merchant_id=merchant_id, activity_id=activity_id)
    activity = get(session, activity_id, lock=True)
    if activity.status != rules.DRAFT:
        raise errors.IllegalStatus(details={"status": activity.status, "target": "published"})
    if now >= activity.ends_at:
        raise errors.Ended()
    _sku(session, merchant_id, activity.sku_id)
    stock.take(session, activity.sku_id, activity.quota)
    _set(session, activity, status=rules.PUBLISHED, published_at=now)
    return activity


def stop(session: Session, *, staff_id: int, merchant_id: int, activity_id: int,
         now: datetime) -> FlashActivity:
    """Published -> stopped and settled at once: no more grabs, and the
    unsold quota goes back to the SKU."""
    staff_get(session, staff_id=staff_id, merchant_id=merchant_id, activity_id=activity_id)
    activity = get(session, activity_id, lock=True)
    if activity.status != rules.PUBLISHED:
        raise errors.IllegalStatus(details={"status": activity.status, "target": "stopped"})
    _set(session, activity, status=rules.STOPPED, stopped_at=now)
    returns.settle(session, activity_id=activity_id, now=now)
    session.refresh(activity)
    return activity


def _set(session: Session, activity: FlashActivity, **values) -> None:
    session.execute(update(FlashActivity).where(FlashActivity.id == activity.id)
                    .values(**values).execution_options(synchronize_session=False))
    session.refresh(activity)


def list_for_merchant(session: Session, *, staff_id: int, merchant_id: int, page: int,
                      per_page: int) -> tuple[list[FlashActivity], int]:
    catalog.check_staff(session, staff_id, merchant_id)
    stmt = select(FlashActivity).where(FlashActivity.merchant_id == merchant_id)
    return paginate(session, stmt, order_by=FlashActivity.id.desc(), page=page,
                    per_page=per_page)


def list_public(session: Session, *, now: datetime, page: int, per_page: int,
                product_id: int | None = None) -> tuple[list[FlashActivity], int]:
    """Published sales that have not ended, soonest first (running ones lead);
    only one product's, with `product_id`."""
    stmt = select(FlashActivity).where(FlashActivity.status == rules.PUBLISHED,
                                       FlashActivity.ends_at > now)
    if product_id is not None:
        stmt = stmt.where(FlashActivity.product_id == product_id)
    return paginate(session, stmt, order_by=FlashActivity.starts_at, page=page,
                    per_page=per_page)


def taken_by_user(session: Session, activity_id: int,
                  buyers: list[int] | None = None) -> dict[int, int]:
    """Units each buyer holds or paid for (only `buyers`, when given)."""
    stmt = (select(FlashOrder.buyer_id, func.sum(FlashOrder.quantity))
            .where(FlashOrder.activity_id == activity_id,
                   FlashOrder.state.in_(rules.TAKEN_STATES))
            .group_by(FlashOrder.buyer_id))
    if buyers is not None:
        stmt = stmt.where(FlashOrder.buyer_id.in_(buyers))
    return {uid: int(n) for uid, n in session.execute(stmt)}


def load_args(session: Session, activity: FlashActivity) -> dict:
    """What Redis must hold for `activity`, from the database alone."""
    max_no = session.scalar(select(func.max(FlashOrder.grab_no))
                            .where(FlashOrder.activity_id == activity.id)) or 0
    live = "live" if activity.status == rules.PUBLISHED else "stopped"
    return {"status": live, "per_user": activity.per_user_limit,
            "per_order": activity.per_order_limit, "quota": activity.quota,
            "intervals_ms": [(rules.to_ms(a), rules.to_ms(b)) for a, b in intervals(activity)],
            "remaining": activity.quota - activity.sold, "max_grab_no": max_no,
            "users": taken_by_user(session, activity.id),
            "returned": list(session.scalars(select(FlashOrder.grab_no).where(
                FlashOrder.activity_id == activity.id, FlashOrder.state == rules.RETURNED)))}
