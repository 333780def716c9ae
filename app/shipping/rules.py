"""Shipping rules, pure (stdlib and the pure order rules only): what is left
to ship per order line, what one package may carry, and where the order
stands after it.

A line's shippable units are its ordered units less those refunds hold
(processing or succeeded: units being refunded are not sent) less those
already in packages, never below 0. A refund is counted against the units
not yet shipped: refunding after a package went out lowers what is left to
ship (a return of shipped goods is the after-sales flow's business).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.orders import rules as order_rules


@dataclass(frozen=True)
class LineUnits:
    line_id: int
    ordered: int
    refunded: int
    shipped: int

    @property
    def shippable(self) -> int:
        return max(0, self.ordered - self.refunded - self.shipped)


class UnknownLines(ValueError):
    def __init__(self, line_ids: list[int]):
        super().__init__(f"not in the order: {line_ids}")
        self.line_ids = line_ids


class TooMany(ValueError):
    """Some lines ask for more than is left; `lines` says which, per line."""

    def __init__(self, lines: list[dict]):
        super().__init__(f"more than is left to ship: {lines}")
        self.lines = lines


class NothingLeft(ValueError):
    pass


def merge(asked: list[tuple[int, int]]) -> dict[int, int]:
    """Quantities per line id, lines named twice added up, in id order."""
    merged: dict[int, int] = {}
    for line_id, quantity in asked:
        merged[line_id] = merged.get(line_id, 0) + quantity
    return dict(sorted(merged.items()))


def package_lines(units: dict[int, LineUnits],
                  asked: list[tuple[int, int]] | None) -> dict[int, int]:
    """line id -> units one package carries. `asked` None: everything left.
    Raises UnknownLines, TooMany (naming every line over its limit) or
    NothingLeft (nothing to put in the package)."""
    if asked is None:
        chosen = {i: u.shippable for i, u in sorted(units.items()) if u.shippable}
    else:
        chosen = merge(asked)
        unknown = [i for i in chosen if i not in units]
        if unknown:
            raise UnknownLines(unknown)
        over = [{"line_id": i, "asked": q, "shippable": units[i].shippable}
                for i, q in chosen.items() if q > units[i].shippable]
        if over:
            raise TooMany(over)
    if not chosen:
        raise NothingLeft()
    return chosen


def status_after(units: dict[int, LineUnits], package: dict[int, int]) -> str:
    """shipped when the package leaves nothing to ship, else partially_shipped."""
    left = sum(u.shippable - package.get(i, 0) for i, u in units.items())
    return order_rules.SHIPPED if left == 0 else order_rules.PARTIALLY_SHIPPED


def all_shipped(units: dict[int, LineUnits]) -> bool:
    return all(u.shippable == 0 for u in units.values())
