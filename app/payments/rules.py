"""Payment rules, pure (stdlib and the pure order rules only): trade
numbers, how much a refund of some units gives back, what a refund may not
exceed, when postage goes back, and whether a notice is addressed to us."""

from __future__ import annotations

from dataclasses import dataclass

from app.orders import rules as order_rules

# WeChat Pay trade states (query and notices) that mean money arrived.
PAID_TRADE_STATES = frozenset({"SUCCESS", "REFUND"})
# States after which the trade can still be paid: reconcile must wait.
OPEN_TRADE_STATES = frozenset({"USERPAYING", "ACCEPT"})
# A refund is final only as SUCCESS or CLOSED. ABNORMAL (the bank refused;
# the merchant re-sends it by hand) still holds its units and is asked again.
REFUND_DONE, REFUND_FAILED = "SUCCESS", frozenset({"CLOSED"})

# How long after the payment window reconciliation waits for a late notice.
RECONCILE_GRACE_S = 60


def foreign_party(resource: dict, *, mchid: str, appid: str, needs_appid: bool) -> str | None:
    """The field of a decrypted notice resource that names another party:
    "mchid" unless it is ours, then "appid" unless it is ours. Transaction
    resources always carry an appid (`needs_appid`); refund resources carry
    none, and one they do carry must be ours. None: the notice is ours."""
    if resource.get("mchid") != mchid:
        return "mchid"
    if (needs_appid or "appid" in resource) and resource.get("appid") != appid:
        return "appid"
    return None


def out_trade_no(order_id: int) -> str:
    """6-32 chars of [0-9A-Za-z_-|*]: 'PO' + the order id, zero padded."""
    return f"PO{order_id:012d}"


def out_refund_no(refund_id: int) -> str:
    return f"RF{refund_id:012d}"


def unit_refund_fen(paid_fen: int, quantity: int, done_units: int, units: int) -> int:
    """What `units` more of a line of `quantity` units paid `paid_fen` give
    back after `done_units` were refunded. Each unit's share rounds down and
    the last unit keeps the remainder, so refunding every unit, in any steps,
    gives back exactly paid_fen."""
    if done_units < 0 or units < 0 or done_units + units > quantity:
        raise ValueError("units out of range")
    return paid_fen * (done_units + units) // quantity - paid_fen * done_units // quantity


@dataclass(frozen=True)
class LineState:
    """One order line as refunds see it."""
    paid_fen: int
    quantity: int
    refunded_units: int
    refunded_fen: int


class RefundTooLarge(ValueError):
    def __init__(self, left_fen: int, left_units: int):
        super().__init__(f"left: {left_fen} fen, {left_units} units")
        self.left_fen, self.left_units = left_fen, left_units


def line_refund(line: LineState, units: int, amount_fen: int | None) -> int:
    """The amount a refund of `units` (and an optional explicit amount) takes
    from a line. Neither units nor fen may go past what is left; no amount
    given means the units' proportional share."""
    left_units = line.quantity - line.refunded_units
    left_fen = line.paid_fen - line.refunded_fen
    if units > left_units:
        raise RefundTooLarge(left_fen, left_units)
    if amount_fen is None:
        amount_fen = min(left_fen, unit_refund_fen(line.paid_fen, line.quantity,
                                                   line.refunded_units, units))
    if amount_fen > left_fen:
        raise RefundTooLarge(left_fen, left_units)
    return amount_fen


def postage_paid(total_fen: int, postage_fen: int) -> int:
    """The part of an order's payment that was postage. Discounts come off
    the goods first, so this is the postage, unless discounts took the order
    below it (then all it paid). The goods lines share the rest."""
    return max(0, min(postage_fen, total_fen))


def postage_refund(paid_fen: int, refunded_fen: int, units_left: int) -> int:
    """The postage a refund carries: none while goods are left to refund
    (partial refunds give back goods only); the refund that takes the last
    refundable units carries what postage was paid and not yet given back, so
    refunding everything, in any steps, gives back exactly the order's total."""
    return paid_fen - refunded_fen if units_left == 0 else 0


def refund_status(total_fen: int, refunded_fen: int, processing: bool, *,
                  whole: bool = False) -> str:
    """Where refunding stands, in the order's own names (orders.rules).
    `whole`: every unit is refunded (the order is closed as refunded)."""
    if processing:
        return order_rules.REFUNDING
    if whole or refunded_fen >= total_fen:
        return order_rules.REFUNDED
    return order_rules.PARTIALLY_REFUNDED if refunded_fen else order_rules.REFUND_NONE
