"""Where a flash order's units go when its order moves (what the order
holds, moved in its transaction: app/orders/holdings.py). A cancelled order
(unpaid timeout, buyer cancel) returns its units exactly once: a guarded
held -> returned update decides, then `sold` drops, and the units go back to
the sale, or to the SKU once the sale was settled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.catalog import stock
from flashsale import rules
from flashsale.models import FlashActivity, FlashOrder


@dataclass(frozen=True)
class Returned:
    activity_id: int
    grab_no: int
    user_id: int
    quantity: int
    to_sale: bool  # False: the sale was settled, the units went to the SKU
    sold: int  # units held or paid after this return


def _locked(session: Session, activity_id: int) -> FlashActivity:
    return session.scalars(select(FlashActivity).where(FlashActivity.id == activity_id)
                           .with_for_update().execution_options(populate_existing=True)).one()


def _flash_order(session: Session, order_id: int) -> FlashOrder | None:
    return session.scalar(select(FlashOrder).where(FlashOrder.order_id == order_id))


def _move(session: Session, flash: FlashOrder, current: str, target: str) -> bool:
    done = session.execute(update(FlashOrder).where(FlashOrder.id == flash.id,
                                                    FlashOrder.state == current)
                           .values(state=target).execution_options(synchronize_session=False))
    return done.rowcount == 1


def on_cancelled(session: Session, *, order_id: int, now: datetime) -> Returned | None:
    """Returns what came back, or None if this call returned nothing."""
    flash = _flash_order(session, order_id)
    if flash is None or not _move(session, flash, rules.HELD, rules.RETURNED):
        return None
    activity = _locked(session, flash.activity_id)
    settled = activity.settled_at is not None
    values = {"sold": FlashActivity.sold - flash.quantity}
    if settled:
        stock.give_back(session, activity.sku_id, flash.quantity)
        values["returned_to_sku"] = FlashActivity.returned_to_sku + flash.quantity
    session.execute(update(FlashActivity).where(FlashActivity.id == activity.id)
                    .values(**values).execution_options(synchronize_session=False))
    return Returned(activity.id, flash.grab_no, flash.buyer_id, flash.quantity, not settled,
                    activity.sold - flash.quantity)


def on_paid(session: Session, *, order_id: int) -> bool:
    flash = _flash_order(session, order_id)
    return flash is not None and _move(session, flash, rules.HELD, rules.PAID)


def settle(session: Session, *, activity_id: int, now: datetime) -> int | None:
    """An ended or stopped sale gives its unsold quota back to the SKU, once.
    Returns the units given back, or None when there is nothing to settle."""
    activity = _locked(session, activity_id)
    if activity.settled_at is not None or activity.status == rules.DRAFT:
        return None
    if activity.status == rules.PUBLISHED and now < activity.ends_at:
        return None
    leftover = activity.quota - activity.sold
    if leftover:
        stock.give_back(session, activity.sku_id, leftover)
    session.execute(update(FlashActivity).where(FlashActivity.id == activity_id)
                    .values(settled_at=now, returned_to_sku=leftover)
                    .execution_options(synchronize_session=False))
    return leftover


def unsettled(session: Session) -> list[int]:
    """Published or stopped sales whose quota has not been settled."""
    return list(session.scalars(select(FlashActivity.id).where(
        FlashActivity.status.in_((rules.PUBLISHED, rules.STOPPED)),
        FlashActivity.settled_at.is_(None)).order_by(FlashActivity.id)))
