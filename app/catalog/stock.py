"""Stock moves as guarded atomic updates, never read-then-write:
take is `UPDATE ... SET stock = stock - n WHERE id = :id AND stock >= n`."""

from __future__ import annotations

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from app.catalog.errors import OutOfStock, StockLimit
from app.catalog.models import Sku

# Staff may hold at most this many units of a SKU. Units given back by a
# cancel were taken from at most this much, so stock stays under 2 * MAX,
# inside the 32-bit column.
MAX_STOCK = 1_000_000_000


_TAKE = (update(Sku).where(Sku.id == bindparam("sku"), Sku.stock >= bindparam("n"))
         .values(stock=Sku.stock - bindparam("n"))
         .execution_options(synchronize_session=False))


def take(session: Session, sku_id: int, quantity: int) -> None:
    """Take `quantity` units or raise OutOfStock; nothing is taken on failure."""
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    result = session.execute(_TAKE, {"sku": sku_id, "n": quantity})
    if result.rowcount != 1:
        raise OutOfStock(details={"sku_id": sku_id, "quantity": quantity})


def give_back(session: Session, sku_id: int, quantity: int) -> None:
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    session.execute(update(Sku).where(Sku.id == sku_id)
                    .values(stock=Sku.stock + quantity)
                    .execution_options(synchronize_session=False))


def top_up(session: Session, sku_id: int, quantity: int) -> None:
    """Staff add stock, refused past MAX_STOCK (a guarded update as well)."""
    result = session.execute(
        update(Sku).where(Sku.id == sku_id, Sku.stock <= MAX_STOCK - quantity)
        .values(stock=Sku.stock + quantity)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise StockLimit(details={"sku_id": sku_id, "max_stock": MAX_STOCK})


def adjust(session: Session, sku_id: int, delta: int) -> None:
    """Staff correction by delta; refused below zero or above MAX_STOCK."""
    if delta < 0:
        take(session, sku_id, -delta)
    elif delta > 0:
        top_up(session, sku_id, delta)
