"""Categories are the catalogue's own: each product names one (`category`,
free text set by staff; "" is none). Buyers see the categories that have
products on sale, with how many, most first (then by name, compared by code
point in Python: SQLite and PostgreSQL collate Chinese differently); and a
category's products, newest first."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.catalog import pictures
from app.catalog.models import Product

ON_SALE = Product.status == "on_sale"


def listing(session: Session) -> list[dict]:
    rows = session.execute(select(Product.category, func.count())
                           .where(ON_SALE, Product.category != "")
                           .group_by(Product.category)).all()
    return [{"name": name, "products": n} for name, n in sorted(rows, key=lambda r: (-r[1], r[0]))]


def products(session: Session, *, name: str, page: int,
             per_page: int) -> tuple[list[Product], int]:
    """A category's products on sale, newest first; none for an unknown name."""
    stmt = select(Product).where(ON_SALE, Product.category == name)
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    items = list(session.scalars(stmt.order_by(Product.created_at.desc(), Product.id.desc())
                                 .limit(per_page).offset((page - 1) * per_page)))
    pictures.attach(session, items)
    return items, total
