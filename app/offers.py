"""Offers a community can pin: a group-buy activity, a flash sale, a live
room of the community's own merchant. The feature that owns a kind
registers (in its `feature.py`) `lookup(session, merchant_id, target_id)
-> {"title": ...}`, raising its own not-found error for a target that is
gone or another shop's; community looks kinds up here, importing none of
those features."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

KINDS = ("group_buy", "flash_sale", "live_room")

Lookup = Callable[[Session, int, int], dict]
_lookups: dict[str, Lookup] = {}


def register(kind: str, lookup: Lookup) -> None:
    if kind not in KINDS:
        raise KeyError(kind)
    _lookups[kind] = lookup


def lookup(kind: str) -> Lookup | None:
    return _lookups.get(kind)


def registered() -> dict[str, Lookup]:
    return dict(_lookups)


def restore(saved: dict[str, Lookup]) -> None:
    _lookups.clear()
    _lookups.update(saved)
