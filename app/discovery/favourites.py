"""A buyer's favourite products. Adding is idempotent (INSERT ... ON
CONFLICT DO NOTHING: a second add, even racing the first, keeps the one
row and its first time); removing one that is not there is not an error.
Only a product on sale can be added; one that went off sale stays listed,
flagged, until it is removed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.catalog import pictures
from app.catalog import service as catalog
from app.catalog.errors import ProductNotFound
from app.catalog.models import Product
from app.db import insert_ignore
from app.discovery.models import Favourite


def add(session: Session, *, user_id: int, product_id: int, now: datetime) -> bool:
    """True if this call added it (False: it was a favourite already)."""
    catalog.public_product(session, product_id)
    return insert_ignore(session, Favourite, user_id=user_id, product_id=product_id,
                         created_at=now)


def _known(session: Session, product_id: int) -> None:
    """Any product that exists (one gone off sale can still be removed)."""
    if session.get(Product, product_id) is None:
        raise ProductNotFound()


def remove(session: Session, *, user_id: int, product_id: int) -> None:
    _known(session, product_id)
    session.execute(delete(Favourite).where(Favourite.user_id == user_id,
                                            Favourite.product_id == product_id))


def listing(session: Session, *, user_id: int, page: int,
            per_page: int) -> tuple[list[dict], int]:
    """Newest first: [{product, favourited_at}]."""
    mine = Favourite.user_id == user_id
    total = session.scalar(select(func.count()).select_from(Favourite).where(mine))
    rows = session.execute(select(Product, Favourite.created_at)
                           .join(Favourite, Favourite.product_id == Product.id).where(mine)
                           .order_by(Favourite.created_at.desc(), Favourite.id.desc())
                           .limit(per_page).offset((page - 1) * per_page)).all()
    pictures.attach(session, [r.Product for r in rows])
    return [{"product": r.Product, "favourited_at": r.created_at} for r in rows], total


def state(session: Session, *, user_id: int, product_id: int) -> bool:
    """Whether the product (on sale or not, but existing) is a favourite."""
    _known(session, product_id)
    found = select(Favourite.id).where(Favourite.user_id == user_id,
                                       Favourite.product_id == product_id)
    return session.scalar(found) is not None
