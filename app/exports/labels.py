"""How exported values read: money in yuan with two decimals, moments in
China time, order states and delivery kinds named as Chinese merchants know
them (or in English)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from app.clock import CHINA

LANGS = ("zh", "en")

ORDER_STATUS = {
    "pending_payment": ("待付款", "Awaiting payment"),
    "paid": ("已付款", "Paid"),
    "grouping": ("拼团中", "Group forming"),
    "to_ship": ("待发货", "To ship"),
    "partially_shipped": ("部分发货", "Partially shipped"),
    "shipped": ("已发货", "Shipped"),
    "received": ("已收货", "Received"),
    "completed": ("已完成", "Completed"),
    "cancelled": ("已取消", "Cancelled"),
    "refunded": ("已退款", "Refunded"),
}
REFUND_STATUS = {
    "": ("", ""),
    "refunding": ("退款中", "Refunding"),
    "partially_refunded": ("部分退款", "Partially refunded"),
    "refunded": ("已退款", "Refunded"),
}
DELIVERY = {"express": ("快递", "Express"), "pickup": ("自提", "Pickup")}


def label(table: dict, value: str, lang: str) -> str:
    names = table.get(value)
    return value if names is None else names[LANGS.index(lang)]


def yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def moment(value: datetime | None) -> datetime | None:
    """China wall time without a zone (what a spreadsheet shows and sorts)."""
    return None if value is None else value.astimezone(CHINA).replace(tzinfo=None)
