"""The filters of a merchant's order list, shared by the staff list and the
order export: one meaning for each. Days are China days (the merchant's
calendar): `created_from` and `created_to` are both inclusive. `q` is a
recipient's name or phone, or the buyer's nickname (a substring of any)."""

from __future__ import annotations

from sqlalchemy import Select, or_, select

from app.auth.models import User
from app.clock import china_day_bounds
from app.orders.models import Order

FILTERS = ("status", "created_from", "created_to", "order_id", "q", "delivery_kind")


def apply(stmt: Select, filters: dict) -> Select:
    """`stmt` (over Order) narrowed by the filters given (None or "" is no filter)."""
    if filters.get("status"):
        stmt = stmt.where(Order.status == filters["status"])
    if filters.get("delivery_kind"):
        stmt = stmt.where(Order.delivery_kind == filters["delivery_kind"])
    if filters.get("order_id"):
        stmt = stmt.where(Order.id == filters["order_id"])
    if filters.get("created_from"):
        stmt = stmt.where(Order.created_at >= china_day_bounds(filters["created_from"])[0])
    if filters.get("created_to"):
        stmt = stmt.where(Order.created_at < china_day_bounds(filters["created_to"])[1])
    if filters.get("q"):
        like = f"%{_escaped(filters['q'])}%"
        buyers = select(User.id).where(User.nickname.like(like, escape="\\"))
        stmt = stmt.where(or_(Order.ship_to_name.like(like, escape="\\"),
                              Order.ship_to_phone.like(like, escape="\\"),
                              Order.buyer_id.in_(buyers)))
    return stmt


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
