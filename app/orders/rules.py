"""Order rules: the state machine, payment windows and after-sale timing.
Pure: stdlib only."""

from __future__ import annotations

from datetime import timedelta

PENDING = "pending_payment"
PAID = "paid"
GROUPING = "grouping"
TO_SHIP = "to_ship"
SHIPPED = "shipped"
RECEIVED = "received"
COMPLETED = "completed"
CANCELLED = "cancelled"
REFUNDING = "refunding"
REFUNDED = "refunded"
PARTIALLY_REFUNDED = "partially_refunded"

TRANSITIONS: dict[str, frozenset[str]] = {
    PENDING: frozenset({PAID, CANCELLED}),
    PAID: frozenset({GROUPING, TO_SHIP, REFUNDING}),
    GROUPING: frozenset({TO_SHIP, REFUNDING}),
    TO_SHIP: frozenset({SHIPPED, REFUNDING}),
    SHIPPED: frozenset({RECEIVED, REFUNDING}),
    RECEIVED: frozenset({COMPLETED, REFUNDING}),
    REFUNDING: frozenset({REFUNDED, PARTIALLY_REFUNDED}),
    PARTIALLY_REFUNDED: frozenset({REFUNDING, TO_SHIP, SHIPPED, RECEIVED, COMPLETED}),
    COMPLETED: frozenset(),
    CANCELLED: frozenset(),
    REFUNDED: frozenset(),
}
STATES = frozenset(TRANSITIONS)

PAYMENT_WINDOW = {"normal": timedelta(minutes=15), "flashsale": timedelta(minutes=5)}
DEFAULT_PAYMENT_WINDOW = timedelta(minutes=15)
AUTO_RECEIVE_AFTER = timedelta(days=10)
AFTER_SALE_WINDOW = timedelta(days=7)

MAX_LINES = 50
MAX_QUANTITY = 999


class IllegalTransition(Exception):
    def __init__(self, current: str, target: str):
        super().__init__(f"{current} -> {target}")
        self.current, self.target = current, target


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_move(current: str, target: str) -> None:
    if not can_move(current, target):
        raise IllegalTransition(current, target)


def payment_window(kind: str) -> timedelta:
    return PAYMENT_WINDOW.get(kind, DEFAULT_PAYMENT_WINDOW)


def status_after_payment(kind: str) -> str:
    """Group-buy orders wait in `grouping` for their group; others go to ship."""
    return GROUPING if kind == "groupbuy" else TO_SHIP


def merge_lines(lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sum quantities per SKU and sort by SKU id (a fixed lock order).
    Raises ValueError on an empty order, too many lines or a bad quantity."""
    if not lines:
        raise ValueError("an order needs at least one line")
    if len(lines) > MAX_LINES:
        raise ValueError(f"at most {MAX_LINES} lines")
    merged: dict[int, int] = {}
    for sku_id, qty in lines:
        if qty < 1:
            raise ValueError("quantity must be at least 1")
        merged[sku_id] = merged.get(sku_id, 0) + qty
        if merged[sku_id] > MAX_QUANTITY:
            raise ValueError(f"at most {MAX_QUANTITY} of one SKU")
    return sorted(merged.items())
