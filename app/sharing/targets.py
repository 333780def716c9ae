"""What a share points at. The package that owns a kind registers
`describe(session, target_id) -> dict` (title, price_fen, image_url, path of
the mini-program page, ...) that raises a not-found DomainError for a target
that is gone. A kind nobody registered cannot be shared yet. Each package
registers its kinds through its feature.py (product and invite: sharing's)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.catalog import service as catalog
from app.sharing import rules

Describe = Callable[[Session, int | None], dict]
_describers: dict[str, Describe] = {}

PRODUCT_PATH = "/pages/product/detail?id={id}"
INVITE_PATH = "/pages/index/index"


def register(kind: str, describe: Describe) -> None:
    if kind not in rules.KINDS:
        raise KeyError(kind)
    _describers[kind] = describe


def unregister(kind: str) -> None:
    _describers.pop(kind, None)


def registered() -> dict[str, Describe]:
    """A copy of the registry (tests put it back with `restore`)."""
    return dict(_describers)


def restore(saved: dict[str, Describe]) -> None:
    _describers.clear()
    _describers.update(saved)


def describer(kind: str) -> Describe | None:
    return _describers.get(kind)


def describe_product(session: Session, product_id: int | None) -> dict:
    """A product on sale; its price is the lowest SKU price (None without SKUs)."""
    product = catalog.public_product(session, product_id)
    prices = [sku.price_fen for sku in product.skus]
    return {"title": product.title, "price_fen": min(prices) if prices else None,
            "image_url": product.image_url, "path": PRODUCT_PATH.format(id=product.id)}


def describe_invite(_session: Session, _target_id: int | None) -> dict:
    """An invite's target is the sharer, who is in the context already."""
    return {"path": INVITE_PATH}

