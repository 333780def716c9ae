"""Where an order came from. A client names a room, share or community by id;
the feature that owns it registers a resolver that checks the id and names
the person behind it (host, sharer, leader). The client never names that
person itself, so nobody can point commission at themselves."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.orders.errors import SourceWrongMerchant, UnknownSource

# kind -> (id column, person column)
FIELDS = {
    "room": ("room_id", "host_id"),
    "share": ("share_id", "sharer_id"),
    "community": ("community_id", "leader_id"),
    # a community pickup point: the order keeps the point's community and leader
    "pickup": ("community_id", "leader_id"),
}

# resolver(session, target_id, buyer_id) -> person id, or raises a DomainError.
# A resolver whose target is not the id column's value (a pickup point names
# a community) returns the kind's two columns instead, and may add the
# "merchant_id" the target belongs to, which must be the order's.
Resolver = Callable[[Session, int, int], int | dict]
_resolvers: dict[str, Resolver] = {}


def register(kind: str, resolver: Resolver) -> None:
    if kind not in FIELDS:
        raise KeyError(kind)
    _resolvers[kind] = resolver


def unregister(kind: str) -> None:
    _resolvers.pop(kind, None)


def registered() -> dict[str, Resolver]:
    """The registry as it is now (tests restore it afterwards)."""
    return dict(_resolvers)


def restore(saved: dict[str, Resolver]) -> None:
    _resolvers.clear()
    _resolvers.update(saved)


def resolve(session: Session, source: dict[str, int], buyer_id: int,
            merchant_id: int | None = None) -> dict[str, int]:
    """{'room': 7} -> {'room_id': 7, 'host_id': 3}. Two kinds that fill the
    same columns ('community' and 'pickup') cannot be named together."""
    values: dict[str, int] = {}
    for kind, target_id in source.items():
        resolver = _resolvers.get(kind)
        if kind not in FIELDS or resolver is None:
            raise UnknownSource(f"Orders cannot come from a {kind!r} yet.",
                                details={"kind": kind})
        id_field, person_field = FIELDS[kind]
        if id_field in values:
            raise UnknownSource("Name one community source.", details={"kind": kind})
        found = resolver(session, target_id, buyer_id)
        if isinstance(found, dict):
            if "merchant_id" in found and found["merchant_id"] != merchant_id:
                raise SourceWrongMerchant(details={"kind": kind})  # or no merchant given
            values[id_field], values[person_field] = found[id_field], found[person_field]
        else:
            values[id_field], values[person_field] = target_id, found
    return values
