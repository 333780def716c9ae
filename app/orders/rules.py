"""Order rules: the state machine, payment windows and after-sale timing.
Pure: stdlib only."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

PENDING = "pending_payment"
PAID = "paid"
GROUPING = "grouping"
TO_SHIP = "to_ship"
# some packages went out, units are still to ship (app/shipping)
PARTIALLY_SHIPPED = "partially_shipped"
SHIPPED = "shipped"
RECEIVED = "received"
COMPLETED = "completed"
CANCELLED = "cancelled"
REFUNDED = "refunded"

# Refunds are a second dimension (Order.refund_status), because a partial
# refund must not forget where fulfilment stands: a partly refunded order
# still ships. Only a refund of the whole paid amount closes the order
# (status `refunded`), from any paid state, completed included (a refund
# "at any stage" reverses commission).
REFUND_NONE = ""
REFUNDING = "refunding"
PARTIALLY_REFUNDED = "partially_refunded"
REFUND_STATES = frozenset({REFUND_NONE, REFUNDING, PARTIALLY_REFUNDED, REFUNDED})

TRANSITIONS: dict[str, frozenset[str]] = {
    # cancelled -> paid: a late payment honoured because its stock could be
    # taken again (see late_payment_can_revive); otherwise it is refunded.
    PENDING: frozenset({PAID, CANCELLED}),
    CANCELLED: frozenset({PAID}),
    PAID: frozenset({GROUPING, TO_SHIP, REFUNDED}),
    GROUPING: frozenset({TO_SHIP, REFUNDED}),
    # one package with every unit goes straight to shipped; the last
    # package of a split shipment moves partially_shipped on
    TO_SHIP: frozenset({PARTIALLY_SHIPPED, SHIPPED, REFUNDED}),
    PARTIALLY_SHIPPED: frozenset({SHIPPED, REFUNDED}),
    SHIPPED: frozenset({RECEIVED, REFUNDED}),
    RECEIVED: frozenset({COMPLETED, REFUNDED}),
    COMPLETED: frozenset({REFUNDED}),
    REFUNDED: frozenset(),
}
# Goods collected at a community pickup point are received when the leader
# checks the pickup code, shipped (wholly or in part) or not; only such
# orders take these edges.
PICKUP_TRANSITIONS: dict[str, frozenset[str]] = {TO_SHIP: frozenset({RECEIVED}),
                                                 PARTIALLY_SHIPPED: frozenset({RECEIVED})}
PAID_STATES = frozenset({PAID, GROUPING, TO_SHIP, PARTIALLY_SHIPPED, SHIPPED, RECEIVED,
                         COMPLETED})
# States in which packages may still go out (app/shipping)
SHIPPABLE_STATES = frozenset({TO_SHIP, PARTIALLY_SHIPPED})
# Kinds whose cancellation gave back nothing but SKU stock. Other kinds also
# released promotion state (a flash quota, a group seat) when they were
# cancelled, so a late payment on them is always refunded.
REVIVABLE_KINDS = frozenset({"normal"})
STATES = frozenset(TRANSITIONS)
# Kinds whose units come out of a promotion's own quota (a flash sale takes
# its quota from the SKU when it is published): creating or cancelling such an
# order leaves SKU stock alone, and the promotion takes its units back when it
# hears order_cancelled.
QUOTA_KINDS = frozenset({"flashsale"})

PAYMENT_WINDOW = {"normal": timedelta(minutes=15), "flashsale": timedelta(minutes=5)}
DEFAULT_PAYMENT_WINDOW = timedelta(minutes=15)
AUTO_RECEIVE_AFTER = timedelta(days=10)
AFTER_SALE_WINDOW = timedelta(days=7)

MAX_LINES = 50
MAX_QUANTITY = 999
# a client's idempotency key for creating an order (request_id)
REQUEST_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


class IllegalTransition(Exception):
    def __init__(self, current: str, target: str):
        super().__init__(f"{current} -> {target}")
        self.current, self.target = current, target


def can_move(current: str, target: str, *, pickup: bool = False) -> bool:
    return target in TRANSITIONS.get(current, frozenset()) or \
        (pickup and target in PICKUP_TRANSITIONS.get(current, frozenset()))


def check_move(current: str, target: str, *, pickup: bool = False) -> None:
    if not can_move(current, target, pickup=pickup):
        raise IllegalTransition(current, target)


def late_payment_can_revive(kind: str, coupon_id: int | None, cancel_reason: str) -> bool:
    """A payment after cancellation may bring the order back only when the
    order timed out (a buyer who cancelled meant it) and the cancellation
    returned plain stock (no promotion, no coupon)."""
    return kind in REVIVABLE_KINDS and coupon_id is None and cancel_reason == "payment_timeout"


def takes_sku_stock(kind: str) -> bool:
    return kind not in QUOTA_KINDS


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


def summed_lines(lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quantities summed per SKU, sorted by SKU id, nothing checked."""
    summed: dict[int, int] = {}
    for sku_id, qty in lines:
        summed[sku_id] = summed.get(sku_id, 0) + qty
    return sorted(summed.items())


def request_digest(asked: dict) -> str:
    """A fingerprint of what an order request asked: `asked` as JSON with its
    keys sorted (its `lines`, if any, summed per SKU first, so that lines
    split or reordered ask the same). A request_id sent again with another
    digest asks for another order."""
    canonical = dict(asked)
    if canonical.get("lines"):
        canonical["lines"] = summed_lines(canonical["lines"])
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()
