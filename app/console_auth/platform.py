"""The platform admin's merchants: onboarding (a merchant and its owner's
invite) and suspension. No Flask, no commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.models import Merchant
from app.console_auth import invites
from app.console_auth.suspension import ACTIVE, SUSPENDED, set_status
from app.db import paginate


def onboard(session: Session, *, name: str, admin_id: int, now: datetime) -> dict:
    """A new merchant (owned by the admin until its owner accepts the
    invite) and the owner's invite."""
    merchant = Merchant(name=name, owner_id=admin_id, created_at=now)
    session.add(merchant)
    session.flush()
    raw, invite = invites.create(session, merchant_id=merchant.id, role=invites.OWNER,
                                 scope_id=None, note="owner", by=admin_id, now=now,
                                 owner_invite=True)
    return {"merchant": merchant, "invite": {"token": raw, "url": invites.url_of(raw),
                                             "expires_at": invite.expires_at}}


def merchants(session: Session, *, page: int, per_page: int) -> tuple[list, int]:
    return paginate(session, select(Merchant), order_by=Merchant.id, page=page,
                    per_page=per_page)


def suspend(session: Session, merchant_id: int, reason: str) -> Merchant:
    return set_status(session, merchant_id=merchant_id, status=SUSPENDED, reason=reason)


def resume(session: Session, merchant_id: int, reason: str) -> Merchant:
    return set_status(session, merchant_id=merchant_id, status=ACTIVE, reason=reason)
