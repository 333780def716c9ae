"""Cart rules. Pure: stdlib and the order rules' limits only."""

from __future__ import annotations

from app.orders.rules import MAX_QUANTITY

MAX_LINES = 100  # different SKUs in one buyer's cart
MAX_LINE_QUANTITY = MAX_QUANTITY  # of one SKU: what one order may hold


def added_quantity(current: int, added: int) -> int:
    """Adding a SKU the cart holds adds to its line; ValueError past
    MAX_LINE_QUANTITY (nothing is capped silently)."""
    total = current + added
    if total > MAX_LINE_QUANTITY:
        raise ValueError(f"at most {MAX_LINE_QUANTITY} of one item")
    return total


def room_for_a_line(lines: int) -> bool:
    return lines < MAX_LINES


def flags(*, quantity: int, on_sale: bool, stock: int, unit_price_fen: int,
          price_at_add_fen: int) -> dict:
    """What a line shows about itself; a flagged line stays in the cart.

    off_sale       the product is no longer on sale
    out_of_stock   none left (available 0)
    short          some left, fewer than the line's quantity
    available      units left now
    price_changed  the unit price differs from when the line was added
    """
    available = max(stock, 0)
    return {"off_sale": not on_sale, "out_of_stock": available == 0,
            "short": 0 < available < quantity, "available": available,
            "price_changed": unit_price_fen != price_at_add_fen}
