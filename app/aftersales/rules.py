"""After-sale rules, pure (stdlib and the pure order rules only): the kinds
and where each is allowed, the state machine, the deadlines, and the amount.

- refund_only: units not yet received: unshipped, or shipped and not
  received (lost in transit); the order must not be received.
- return_refund and exchange: shipped units, while the order is shipped
  or, once received, within the after-sale window (7 days after receipt).
- One open request per order line (OPEN states).
- The amount is capped per line at what those units paid (the refund
  path's share of discounts, coupon and points); the merchant may agree a
  lower amount, never a higher one. Postage follows the refund path's rule
  (it goes back with the refund that empties the order), on top.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.orders import rules as order_rules

REFUND_ONLY, RETURN_REFUND, EXCHANGE = "refund_only", "return_refund", "exchange"
KINDS = (REFUND_ONLY, RETURN_REFUND, EXCHANGE)
RETURN_KINDS = frozenset({RETURN_REFUND, EXCHANGE})

REQUESTED, APPROVED, REJECTED = "requested", "approved", "rejected"
RETURNING, RETURNED = "returning", "returned"  # buyer shipped; merchant confirmed receipt
REFUNDING, REFUNDED, EXCHANGED = "refunding", "refunded", "exchanged"
CLOSED, CANCELLED = "closed", "cancelled"

TRANSITIONS: dict[str, frozenset[str]] = {
    # refund_only skips `approved`: approving it asks for the refund at once
    # closed from requested or returning: a deadline found the refund no
    # longer possible (the order was refunded meanwhile by other means)
    REQUESTED: frozenset({APPROVED, REFUNDING, REJECTED, CANCELLED, CLOSED}),
    APPROVED: frozenset({RETURNING, CLOSED, CANCELLED}),
    # the merchant confirms receipt, or stays silent past the deadline (refund)
    RETURNING: frozenset({RETURNED, REFUNDING, CLOSED}),
    RETURNED: frozenset({REFUNDING, EXCHANGED}),
    REFUNDING: frozenset({REFUNDED}),
    REJECTED: frozenset(), REFUNDED: frozenset(), EXCHANGED: frozenset(),
    CLOSED: frozenset(), CANCELLED: frozenset(),
}
STATES = tuple(TRANSITIONS)
OPEN = frozenset({REQUESTED, APPROVED, RETURNING, RETURNED, REFUNDING})
BUYER_CANCELLABLE = frozenset({REQUESTED, APPROVED})

REFUND_ONLY_ORDER_STATES = frozenset({order_rules.PAID, order_rules.GROUPING,
                                      order_rules.TO_SHIP, order_rules.PARTIALLY_SHIPPED,
                                      order_rules.SHIPPED})
RETURN_ORDER_STATES = frozenset({order_rules.PARTIALLY_SHIPPED, order_rules.SHIPPED,
                                 order_rules.RECEIVED})

# merchant settings' defaults and limits
REVIEW_HOURS, SHIP_DAYS, CONFIRM_DAYS = 48, 7, 10
MAX_REVIEW_HOURS, MAX_DAYS = 24 * 14, 30
MAX_PHOTOS = 9
MAX_REASONS = 30
DEFAULT_REASONS: tuple[tuple[str, str], ...] = (
    ("no_reason", "七天无理由 / No reason (7 days)"),
    ("quality", "质量问题 / Quality problem"),
    ("not_as_described", "与描述不符 / Not as described"),
    ("wrong_item", "发错货 / Wrong item sent"),
    ("damaged", "破损 / Arrived damaged"),
    ("not_received", "未收到货 / Not received"),
    ("changed_mind", "不想要了 / Changed my mind"),
)


class IllegalMove(Exception):
    def __init__(self, current: str, target: str):
        super().__init__(f"{current} -> {target}")
        self.current, self.target = current, target


def check_move(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise IllegalMove(current, target)


# what the merchant may do to a request, by its state (and kind)
APPROVE, REJECT, PROPOSE = "approve", "reject", "propose"
CONFIRM_RECEIPT, SHIP_EXCHANGE = "confirm_receipt", "ship_exchange"
MERCHANT_ACTIONS = (APPROVE, REJECT, PROPOSE, CONFIRM_RECEIPT, SHIP_EXCHANGE)


def merchant_actions(kind: str, status: str) -> list[str]:
    """The merchant's next moves: a request is approved, rejected or offered
    a lower amount; a returning parcel's receipt is confirmed; a returned
    exchange is shipped again. Nothing else is the merchant's to do."""
    if status == REQUESTED:
        return [APPROVE, REJECT, PROPOSE]
    if status == RETURNING:
        return [CONFIRM_RECEIPT]
    if status == RETURNED and kind == EXCHANGE:
        return [SHIP_EXCHANGE]
    return []


def kind_refusal(kind: str, order_status: str, received_at: datetime | None,
                 now: datetime) -> str | None:
    """Why `kind` is not allowed on an order in `order_status` (None: it is)."""
    if kind == REFUND_ONLY:
        return None if order_status in REFUND_ONLY_ORDER_STATES else "order_status"
    if order_status not in RETURN_ORDER_STATES:
        return "order_status"
    if order_status == order_rules.RECEIVED and received_at is not None and \
            now >= received_at + order_rules.AFTER_SALE_WINDOW:
        return "window_closed"
    return None


def units_allowed(kind: str, *, ordered: int, refunded: int, shipped: int) -> int:
    """How many units of a line a request of `kind` may name: those not
    refunded, and for returns and exchanges only shipped ones."""
    left = max(0, ordered - refunded)
    return min(left, shipped) if kind in RETURN_KINDS else left


def deadline(status: str, at: datetime, *, review_hours: int, ship_days: int,
             confirm_days: int) -> datetime | None:
    """When the clock of a request entering `status` at `at` runs out."""
    if status == REQUESTED:
        return at + timedelta(hours=review_hours)
    if status == APPROVED:
        return at + timedelta(days=ship_days)
    if status == RETURNING:
        return at + timedelta(days=confirm_days)
    return None


def due_action(status: str) -> str | None:
    """What a run-out clock does: merchant silent -> approve; buyer ships
    nothing -> close; merchant does not confirm the return -> refund."""
    return {REQUESTED: "approve", APPROVED: "close", RETURNING: "refund"}.get(status)


def split_amount(amount_fen: int, caps: list[int]) -> list[int]:
    """`amount_fen` (at most sum(caps)) shared over lines by their caps,
    each share rounded down, no share above its cap; the remainder goes to
    the first lines with room, so the shares sum to the amount."""
    if amount_fen < 0 or amount_fen > sum(caps):
        raise ValueError("amount out of range")
    whole = sum(caps)
    shares = [amount_fen * c // whole if whole else 0 for c in caps]
    left = amount_fen - sum(shares)
    for i, cap in enumerate(caps):
        extra = min(left, cap - shares[i])
        shares[i] += extra
        left -= extra
    return shares
