"""Pinned offers: a community pins a group-buy activity, a flash sale or a
live room of its own merchant. Community may not import those features, so
the composition root registers one lookup per kind:
`lookup(session, merchant_id, target_id) -> {"title": ...}`, raising the
feature's not-found error for a target that is gone or another shop's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import insert_ignore
from community import errors, rules
from community.models import Community, PinnedOffer

Lookup = Callable[[Session, int, int], dict]
_lookups: dict[str, Lookup] = {}


def register(kind: str, lookup: Lookup) -> None:
    if kind not in rules.OFFER_KINDS:
        raise KeyError(kind)
    _lookups[kind] = lookup


def registered() -> dict[str, Lookup]:
    return dict(_lookups)


def restore(saved: dict[str, Lookup]) -> None:
    _lookups.clear()
    _lookups.update(saved)


def pin(session: Session, *, community: Community, kind: str, target_id: int, user_id: int,
        now: datetime) -> PinnedOffer:
    lookup = _lookups.get(kind)
    if lookup is None:
        raise errors.OfferKindUnavailable(details={"kind": kind})
    title = str(lookup(session, community.merchant_id, target_id).get("title", ""))[:120]
    if not insert_ignore(session, PinnedOffer, community_id=community.id, kind=kind,
                         target_id=target_id, title=title, pinned_by=user_id, pinned_at=now):
        raise errors.AlreadyPinned()
    return session.scalar(select(PinnedOffer).filter_by(community_id=community.id, kind=kind,
                                                        target_id=target_id))


def unpin(session: Session, *, community: Community, offer_id: int) -> None:
    offer = session.get(PinnedOffer, offer_id)
    if offer is None or offer.community_id != community.id:
        raise errors.OfferNotFound()
    session.delete(offer)


def listed(session: Session, community_id: int) -> list[PinnedOffer]:
    return list(session.scalars(select(PinnedOffer).where(PinnedOffer.community_id ==
                                                          community_id)
                                .order_by(PinnedOffer.pinned_at.desc(), PinnedOffer.id.desc())))
