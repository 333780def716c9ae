"""A product's pictures, in order; the first is its cover. Another area
keeps them (app/uploads registers the one lookup when it is imported); the
catalogue imports no such area. With no lookup registered a product has no
pictures.

`attach` gives each product `pictures` (a list of {id, url, thumb_url,
width, height}) and `cover` (the first, or None), as ProductOut shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session

from app.catalog.models import Product

# (session, product ids) -> {product id: its pictures in order}; ids without any left out
Lookup = Callable[[Session, list[int]], dict[int, list[dict]]]
_lookups: list[Lookup] = []


def register(lookup: Lookup) -> None:
    _lookups[:] = [lookup]


def attach(session: Session, products: Iterable[Product]) -> None:
    products = list(products)
    found = _lookups[0](session, [p.id for p in products]) if _lookups and products else {}
    for product in products:
        product.pictures = found.get(product.id, [])
        product.cover = product.pictures[0] if product.pictures else None
