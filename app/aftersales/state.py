"""Moving a request through its states, once: the order's row lock first,
then the request's, then a state check; each move logs a timeline entry and
starts the new state's clock (a job at the deadline; the sweep catches a
lost one) and records AfterSaleChanged (app/events.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import outbox
from app.aftersales import notify, rules, schedule
from app.aftersales import settings as merchant_settings
from app.aftersales.errors import AfterSaleNotFound, IllegalTransition
from app.aftersales.models import AfterSale, AfterSaleEvent
from app.orders import service as orders
from app.orders.models import Order


def lock(session: Session, after_sale_id: int) -> tuple[AfterSale, Order]:
    """The request and its order, both under row locks (order first, the
    order every writer of an order's refunds and requests takes)."""
    order_id = session.scalar(select(AfterSale.order_id).where(AfterSale.id == after_sale_id))
    if order_id is None:
        raise AfterSaleNotFound()
    order = orders.lock_order(session, order_id)
    sale = session.scalars(select(AfterSale).where(AfterSale.id == after_sale_id)
                           .with_for_update().execution_options(populate_existing=True)).one()
    return sale, order


def log(session: Session, sale: AfterSale, *, actor: str, action: str, now: datetime,
        note: str = "", amount_fen: int | None = None) -> None:
    sale.events.append(AfterSaleEvent(at=now, actor=actor, action=action, status=sale.status,
                                      note=note[:200], amount_fen=amount_fen))
    session.flush()


def move(session: Session, sale: AfterSale, target: str, *, actor: str, action: str,
         now: datetime, note: str = "", amount_fen: int | None = None) -> None:
    """`sale` (locked) -> `target`, or 409 after_sale_illegal_transition."""
    try:
        rules.check_move(sale.status, target)
    except rules.IllegalMove as exc:
        raise IllegalTransition(details={"status": sale.status, "target": target}) from exc
    sale.status, sale.updated_at = target, now
    clocks = merchant_settings.of(session, sale.merchant_id).clocks
    sale.deadline_at = rules.deadline(target, now, **clocks)
    session.flush()
    log(session, sale, actor=actor, action=action, now=now, note=note, amount_fen=amount_fen)
    outbox.record(session, notify.changed(sale, now))
    if sale.deadline_at is not None:
        schedule.deadline(session, sale)
