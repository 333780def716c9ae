"""The orders of a batch's admitted seats (groupbuy/joins.py), written
without the ORM unit of work: each priced as a checkout prices it
(orders.price_order, each SKU loaded once per batch), the SKU stock taken
with one guarded update per SKU in SKU-id order (when a SKU has fewer units
left than the batch wants, the first asks get them, the rest
`out_of_stock`), then the orders with their lines (app/orders/batch.py) and
the seats' member rows inserted with one executemany each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog import stock
from app.catalog.errors import OutOfStock
from app.catalog.models import Sku
from app.db_rows import insert_rows
from app.errors import DomainError
from app.orders import batch
from app.orders import service as orders
from groupbuy import rules
from groupbuy.groups import listed_price
from groupbuy.models import Group, GroupMember

MEMBER_COLUMNS = ("group_id", "activity_id", "user_id", "order_id", "seat", "is_leader",
                  "status", "joined_at", "paid_at")


@dataclass(frozen=True)
class Seat:
    """An admitted seat: its ask's index in the batch, its buyer and group,
    its seat id in Redis, its ask's time."""

    index: int
    buyer_id: int
    group: Group
    seat: str
    now: datetime


def write(session: Session, seats: list[Seat], prices: dict,
          answers: list) -> list[tuple[Seat, dict]]:
    """Write each seat's pending order (at its activity's group price:
    `prices`, groups.listed_price) and member row; (seat, its order as
    OrderOut shows it) for each written, in batch order. A seat refused
    (pricing, stock) gets its error in `answers`."""
    kept = _take_stock(session, _price(session, seats, prices, answers), answers)
    written = list(zip([seat for seat, _ in kept],
                       batch.write_priced(session, [(p, seat.now) for seat, p in kept]),
                       strict=True))
    insert_rows(session.connection(), GroupMember.__table__, MEMBER_COLUMNS, [
        (s.group.id, s.group.activity_id, s.buyer_id, order["id"], s.seat, False, rules.HELD,
         s.now, None) for s, order in written])
    return written


def _price(session: Session, seats: list[Seat], prices: dict, answers: list) -> list:
    """(seat, priced order) for each seat its pricing admits."""
    loaded: dict[int, dict | DomainError] = {}
    for sku_id in sorted({seat.group.sku_id for seat in seats}):
        try:
            loaded[sku_id] = orders.load_skus(session, [sku_id])
        except DomainError as exc:
            loaded[sku_id] = exc
    priced = []
    for seat in seats:
        sku_id = seat.group.sku_id
        try:
            skus = loaded[sku_id]
            if isinstance(skus, DomainError):
                raise skus
            priced.append((seat, orders.price_order(
                session, buyer_id=seat.buyer_id, lines=[(sku_id, 1)], now=seat.now,
                kind="groupbuy",
                prices={sku_id: listed_price(prices, seat.group.activity_id, sku_id)},
                loaded=skus)))
        except DomainError as exc:
            answers[seat.index] = exc
    return priced


def _take_stock(session: Session, priced: list, answers: list) -> list:
    """One unit per seat, one guarded update per SKU in SKU-id order (as
    write_order takes stock); the seats that got theirs, in batch order."""
    by_sku: dict[int, list] = {}
    for item in priced:
        by_sku.setdefault(item[0].group.sku_id, []).append(item)
    kept = []
    for sku_id in sorted(by_sku):
        wanted = by_sku[sku_id]
        try:
            stock.take(session, sku_id, len(wanted))
            kept += wanted
            continue
        except OutOfStock:
            pass
        have = session.scalar(select(Sku.stock).where(Sku.id == sku_id).with_for_update()) or 0
        if have > 0:
            stock.take(session, sku_id, have)
        kept += wanted[:have]
        for seat, _ in wanted[have:]:
            answers[seat.index] = OutOfStock(details={"sku_id": sku_id, "quantity": 1})
    return sorted(kept, key=lambda item: item[0].index)
