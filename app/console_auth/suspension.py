"""Suspended merchants: their staff may read (and export), not write. One
hook before every view: an unsafe method on /api/v1/merchants/<merchant_id>/...
of a suspended merchant answers 403 `merchant_suspended`, nothing done.
Suspending and resuming are the platform admin's (platform.py)."""

from __future__ import annotations

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.access import UNSAFE
from app.catalog.models import Merchant
from app.catalog.service import get_merchant
from app.console_auth.errors import MerchantSuspended
from app.db import transaction

ACTIVE, SUSPENDED = "active", "suspended"
STAFF_PREFIX = "/api/v1/merchants/"


def refuse_writes() -> None:
    """before_request: refuse a staff write to a suspended merchant."""
    merchant_id = (request.view_args or {}).get("merchant_id")
    if request.method not in UNSAFE or merchant_id is None or \
            not request.path.startswith(STAFF_PREFIX):
        return
    with transaction() as session:
        status = session.scalar(select(Merchant.status).where(Merchant.id == merchant_id))
    if status == SUSPENDED:
        raise MerchantSuspended(details={"merchant_id": merchant_id})


def check_selling(session: Session, merchant_id: int) -> None:
    """Nothing of a suspended merchant is sold."""
    status = session.scalar(select(Merchant.status).where(Merchant.id == merchant_id))
    if status == SUSPENDED:
        raise MerchantSuspended(details={"merchant_id": merchant_id})


def set_status(session: Session, *, merchant_id: int, status: str, reason: str) -> Merchant:
    merchant = get_merchant(session, merchant_id)
    merchant.status, merchant.status_reason = status, reason
    session.flush()
    return merchant
