"""Address book use cases. Each change first locks the buyer's user row
(FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
writers), so a buyer's racing adds are counted one after another (never
more than MAX_ADDRESSES) and exactly one address is the default whenever
any exist: the first becomes it, a new default unsets the old, deleting
the default promotes the most recently added one left. Another buyer's
address is not found, as another buyer's order is."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.addresses import rules
from app.addresses.errors import AddressLimitReached, AddressNotFound
from app.addresses.models import Address
from app.auth.models import User
from app.regions import dataset

FIELDS = ("recipient", "phone", "region_code", "detail", "tag")


def mine(session: Session, user_id: int) -> list[Address]:
    """The default first, then the most recently added."""
    return list(session.scalars(select(Address).where(Address.user_id == user_id)
                                .order_by(Address.is_default.desc(), Address.id.desc())))


def get_mine(session: Session, user_id: int, address_id: int) -> Address:
    address = session.get(Address, address_id)
    if address is None or address.user_id != user_id:
        raise AddressNotFound(details={"address_id": address_id})
    return address


def _lock_user(session: Session, user_id: int) -> None:
    session.execute(select(User.id).where(User.id == user_id).with_for_update())


def _region_names(code: str) -> dict:
    region = dataset.district(code)
    return {"region_code": code, "province": region.province, "city": region.city,
            "district": region.district}


def create(session: Session, *, user_id: int, data: dict, now: datetime) -> Address:
    """`data`: recipient, phone, region_code, detail, tag, and is_default
    (ask to become the default; the first address is anyway)."""
    names = _region_names(data["region_code"])
    _lock_user(session, user_id)
    held = session.scalar(select(func.count()).select_from(Address)
                          .where(Address.user_id == user_id))
    if not rules.may_add(held):
        raise AddressLimitReached(details={"limit": rules.MAX_ADDRESSES})
    default = held == 0 or bool(data.get("is_default"))
    if default:
        _unset_default(session, user_id)
    address = Address(user_id=user_id, recipient=data["recipient"], phone=data["phone"],
                      detail=data["detail"], tag=data.get("tag", ""), is_default=default,
                      created_at=now, updated_at=now, **names)
    session.add(address)
    session.flush()
    return address


def update_mine(session: Session, *, user_id: int, address_id: int, data: dict,
                now: datetime) -> Address:
    """Only fields given and different are written (nothing given, nothing
    written); a new region code brings its names; `is_default` true makes it
    the default (the default already: nothing written)."""
    if data.get("is_default"):
        _lock_user(session, user_id)
    address = get_mine(session, user_id, address_id)
    changes = {k: data[k] for k in FIELDS if k in data and data[k] != getattr(address, k)}
    if "region_code" in changes:
        changes.update(_region_names(changes["region_code"]))
    if data.get("is_default") and not address.is_default:
        _unset_default(session, user_id)
        changes["is_default"] = True
    if changes:
        for name, value in changes.items():
            setattr(address, name, value)
        address.updated_at = now
        session.flush()
    return address


def delete(session: Session, *, user_id: int, address_id: int) -> None:
    """Gone for good (orders keep their own copy); if it was the default,
    the most recently added one left becomes it."""
    _lock_user(session, user_id)
    address = get_mine(session, user_id, address_id)
    was_default = address.is_default
    session.delete(address)
    session.flush()
    if was_default:
        left = list(session.scalars(select(Address.id).where(Address.user_id == user_id)))
        promoted = rules.next_default(left)
        if promoted is not None:
            session.execute(update(Address).where(Address.id == promoted)
                            .values(is_default=True))


def _unset_default(session: Session, user_id: int) -> None:
    session.execute(update(Address).where(Address.user_id == user_id,
                                          Address.is_default.is_(True))
                    .values(is_default=False))
