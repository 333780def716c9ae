"""The search index follows the catalogue: whoever writes a product (staff
API, console, demo data, tests), the flush that writes it also rewrites its
search terms, in the same transaction, so the index never lags or outlives
a rolled-back write. `reindex_all` rebuilds every row (`flask search-reindex`)."""

from __future__ import annotations

import click
from sqlalchemy import delete, event, inspect, select
from sqlalchemy.orm import Session

from app.catalog.models import Product
from app.db import transaction
from app.discovery import rules
from app.discovery.models import SearchTerm


def _title_written(product: Product, new: bool) -> bool:
    return new or inspect(product).attrs.title.history.has_changes()


def write_terms(session: Session, products: list[tuple[int, str]]) -> None:
    """Replace the terms of each (product id, title)."""
    if not products:
        return
    session.execute(delete(SearchTerm).where(SearchTerm.product_id.in_([p for p, _ in products])))
    rows = [{"product_id": pid, "term": term}
            for pid, title in products for term in sorted(rules.index_terms(title))]
    if rows:
        session.execute(SearchTerm.__table__.insert(), rows)


def _after_flush(session: Session, _context) -> None:
    changed = [(obj.id, obj.title) for obj in (*session.new, *session.dirty)
               if isinstance(obj, Product) and _title_written(obj, obj in session.new)]
    write_terms(session, changed)


def install() -> None:
    """Listen on every Session (once per process, however many apps are made)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


def reindex_all(session: Session, batch: int = 500) -> int:
    """Rewrite the terms of every product; the number of products."""
    last, done = 0, 0
    while rows := session.execute(select(Product.id, Product.title).where(Product.id > last)
                                  .order_by(Product.id).limit(batch)).all():
        write_terms(session, [(r.id, r.title) for r in rows])
        last, done = rows[-1].id, done + len(rows)
    return done


@click.command("search-reindex")
def reindex_command() -> None:
    """Rebuild the product search index from the catalogue."""
    with transaction() as session:
        click.echo(f"reindexed {reindex_all(session)} products")
