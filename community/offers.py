"""Pinned offers: a community pins a group-buy activity, a flash sale or a
live room of its own merchant; the feature owning the kind looks it up
(app/offers.py), so community imports none of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import offers
from app.db import insert_ignore
from community import errors
from community.models import Community, PinnedOffer


def pin(session: Session, *, community: Community, kind: str, target_id: int, user_id: int,
        now: datetime) -> PinnedOffer:
    lookup = offers.lookup(kind)
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
