"""Product search over the term index (rules.py says how text becomes
terms and how many must match). Ranking: more of the query's terms held
first, then newest (created later, then higher id). Only products on sale,
of merchants not suspended, are found."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.catalog import pictures
from app.catalog.models import Merchant, Product
from app.discovery import rules
from app.discovery.errors import QueryHasNoTerms
from app.discovery.models import SearchTerm


def search(session: Session, *, q: str, page: int, per_page: int) -> tuple[list[Product], int]:
    """(one page of products, how many match); QueryHasNoTerms for a query
    with nothing to search for (only punctuation or spaces)."""
    terms = rules.query_terms(q)
    if not terms:
        raise QueryHasNoTerms()
    hits = func.count(SearchTerm.term).label("hits")
    matched = (select(SearchTerm.product_id, hits).where(SearchTerm.term.in_(terms))
               .group_by(SearchTerm.product_id)
               .having(func.count(SearchTerm.term) >= rules.needed(len(terms))).subquery())
    stmt = (select(Product).join(matched, matched.c.product_id == Product.id)
            .join(Merchant, Merchant.id == Product.merchant_id)
            .where(Product.status == "on_sale", Merchant.status == "active"))
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    items = list(session.scalars(stmt.order_by(matched.c.hits.desc(), Product.created_at.desc(),
                                               Product.id.desc())
                                 .limit(per_page).offset((page - 1) * per_page)))
    pictures.attach(session, items)
    return items, total
