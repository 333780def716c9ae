"""Checkout pricing: the steps that change what a new order costs.

The server prices every order; the client only asks (`checkout.asks`, e.g.
{"coupon_id": 5, "points": 300}). Each owner of a discount registers one step
(the coupons in app/coupons, a member's tier perks and points in members),
and `orders.service.price_order` runs them in rank order, after the lines are
priced and before any stock is taken, for a new order and for the checkout
preview alike (so a preview is what the order charges):

    step(session, checkout, now) -> Callable[[Order], None] | None

A step reads its own ask, checks it (raising a DomainError refuses the whole
order, nothing written), and adds to `checkout.discount_fen` or lowers
`checkout.postage_fen`, recording what it did in `checkout.applied[name]`.
A step never writes: one that must write down what it used (a coupon marked
used, points spent) returns a function, which only a created order runs,
once it has its id (a preview drops it).

Discounts never take the payable amount below MIN_PAYABLE_FEN: a step sees
`checkout.room_fen` (what may still be taken off) and must stay within it.
An ask that no registered step reads is refused (unknown_checkout_option).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from app.orders.errors import UnknownCheckoutOption
from app.orders.models import Order

# WeChat Pay cannot charge 0: an order always costs at least one fen.
MIN_PAYABLE_FEN = 1


@dataclass(frozen=True, slots=True)
class Line:
    """A priced line: the values its OrderLine row takes (new_order makes
    the row once the order is written)."""

    sku_id: int
    product_id: int
    title: str
    spec: str
    unit_price_fen: int
    quantity: int
    amount_fen: int


@dataclass
class Checkout:
    buyer_id: int
    merchant_id: int
    kind: str
    lines: list[Line]
    goods_fen: int
    asks: dict = field(default_factory=dict)
    postage_fen: int = 0
    discount_fen: int = 0
    applied: dict = field(default_factory=dict)
    # where the goods go (set by create_order from the order's delivery)
    delivery_kind: str = "express"
    region_code: str = ""

    @property
    def payable_fen(self) -> int:
        return self.goods_fen + self.postage_fen - self.discount_fen

    @property
    def room_fen(self) -> int:
        """How much more discount this order can take."""
        return max(0, self.payable_fen - MIN_PAYABLE_FEN)


Step = Callable[[Session, Checkout, datetime], Callable[[Order], None] | None]


@dataclass(frozen=True)
class _Registered:
    rank: int
    step: Step
    asks: frozenset[str]


_steps: dict[str, _Registered] = {}


def register(name: str, step: Step, *, rank: int, asks: tuple[str, ...] = ()) -> None:
    """`asks`: the checkout keys this step reads (others are refused)."""
    _steps[name] = _Registered(rank, step, frozenset(asks))


def unregister(name: str) -> None:
    _steps.pop(name, None)


def registered() -> dict[str, _Registered]:
    """A copy of the registry (tests put it back with `restore`)."""
    return dict(_steps)


def restore(saved: dict[str, _Registered]) -> None:
    _steps.clear()
    _steps.update(saved)


def price(session: Session, checkout: Checkout, now: datetime) -> list[Callable[[Order], None]]:
    """Run every step in rank order; returns what to run once the order exists."""
    known = set().union(*(r.asks for r in _steps.values())) if _steps else set()
    unknown = sorted(k for k, v in checkout.asks.items() if v is not None and k not in known)
    if unknown:
        raise UnknownCheckoutOption(details={"options": unknown})
    afterwards = []
    for _name, reg in sorted(_steps.items(), key=lambda item: (item[1].rank, item[0])):
        before = checkout.payable_fen
        after = reg.step(session, checkout, now)
        # an order free before any step (a bargain down to 0) stays free; a
        # step may not take a payable order below the floor
        if checkout.discount_fen < 0 or checkout.postage_fen < 0 or \
                checkout.payable_fen < min(before, MIN_PAYABLE_FEN):
            raise RuntimeError(f"pricing step {_name!r} broke the order's amounts")
        if after is not None:
            afterwards.append(after)
    return afterwards
