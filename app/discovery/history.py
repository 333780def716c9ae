"""Browsing history: a signed-in buyer's view of a product on sale is
recorded (viewing it again moves it to the front), newest first, and only
the latest LIMIT products per buyer are kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.catalog import pictures
from app.catalog.models import Product
from app.db import insert_ignore
from app.discovery.models import ProductView

LIMIT = 100


def record(session: Session, *, user_id: int, product_id: int, now: datetime,
           limit: int = LIMIT) -> None:
    """The view, as the newest row of the buyer's history, then the oldest
    rows past `limit` dropped. Two racing views of one product keep one row."""
    session.execute(delete(ProductView).where(ProductView.user_id == user_id,
                                              ProductView.product_id == product_id))
    insert_ignore(session, ProductView, user_id=user_id, product_id=product_id, viewed_at=now)
    keep = (select(ProductView.id).where(ProductView.user_id == user_id)
            .order_by(ProductView.id.desc()).limit(limit))
    session.execute(delete(ProductView).where(ProductView.user_id == user_id,
                                              ProductView.id.not_in(keep)))


def clear(session: Session, *, user_id: int) -> None:
    session.execute(delete(ProductView).where(ProductView.user_id == user_id))


def listing(session: Session, *, user_id: int, page: int,
            per_page: int) -> tuple[list[dict], int]:
    """Newest first: [{product, viewed_at}]."""
    mine = ProductView.user_id == user_id
    total = session.scalar(select(func.count()).select_from(ProductView).where(mine))
    rows = session.execute(select(Product, ProductView.viewed_at)
                           .join(ProductView, ProductView.product_id == Product.id).where(mine)
                           .order_by(ProductView.id.desc())
                           .limit(per_page).offset((page - 1) * per_page)).all()
    pictures.attach(session, [r.Product for r in rows])
    return [{"product": r.Product, "viewed_at": r.viewed_at} for r in rows], total
