"""Stock moves as guarded atomic updates, never read-then-write:
take is `UPDATE ... SET stock = stock - n WHERE id = :id AND stock >= n`."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.catalog.errors import OutOfStock
from app.catalog.models import Sku


def take(session: Session, sku_id: int, quantity: int) -> None:
    """Take `quantity` units or raise OutOfStock; nothing is taken on failure."""
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    result = session.execute(
        update(Sku).where(Sku.id == sku_id, Sku.stock >= quantity)
        .values(stock=Sku.stock - quantity)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise OutOfStock(details={"sku_id": sku_id, "quantity": quantity})


def give_back(session: Session, sku_id: int, quantity: int) -> None:
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    session.execute(update(Sku).where(Sku.id == sku_id)
                    .values(stock=Sku.stock + quantity)
                    .execution_options(synchronize_session=False))


def adjust(session: Session, sku_id: int, delta: int) -> None:
    """Staff correction by delta; refused if it would take stock below zero."""
    if delta < 0:
        take(session, sku_id, -delta)
    elif delta > 0:
        give_back(session, sku_id, delta)
