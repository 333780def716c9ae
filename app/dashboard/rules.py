"""Dashboard figures from a merchant's orders. Pure: stdlib only.

- Days are China calendar days (UTC+8); a period of N days is today and the
  N-1 days before it, from China midnight of its first day up to now.
- A sale is an order paid in the period (by `paid_at`), whatever its state
  since. Its GMV is what the buyer paid less what was refunded to them
  (`total_fen - refunded_fen`, postage included, discounts excluded), so a
  wholly refunded order counts as an order but adds 0 fen.
- Paying buyers: distinct buyers of the period's sales.
- Conversion: of the distinct buyers who placed an order in the period (by
  `created_at`), the share who paid for one of those orders, in basis points
  rounded down (0 when nobody ordered).
- Source of a sale, the first that applies: `live` (placed in a live room),
  `share` (through a share), `community` (through a community), else `direct`.
- Top products: the period's sales' lines summed by product (line amounts,
  before order discounts), orders wholly refunded left out; by amount, then
  product id; the title is the one on the line paid last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

SOURCES = ("live", "share", "community", "direct")
MAX_DAYS = 90
TOP_PRODUCTS = 10


@dataclass(frozen=True)
class Sale:
    """An order paid in the period."""

    paid_at: datetime
    buyer_id: int
    total_fen: int
    refunded_fen: int
    source: str

    @property
    def gmv_fen(self) -> int:
        return max(self.total_fen - self.refunded_fen, 0)


@dataclass(frozen=True)
class Placed:
    """An order placed in the period: who, and whether it has been paid."""

    created_at: datetime
    buyer_id: int
    paid: bool


@dataclass(frozen=True)
class Line:
    """A line of a sale (not wholly refunded), in the order they were paid."""

    product_id: int
    title: str
    quantity: int
    amount_fen: int


def source_of(room_id: int | None, share_id: int | None, community_id: int | None) -> str:
    if room_id is not None:
        return "live"
    if share_id is not None:
        return "share"
    if community_id is not None:
        return "community"
    return "direct"


def period_start(now: datetime, days: int, zone: tzinfo) -> datetime:
    """China midnight of the period's first day, as an aware moment."""
    first = now.astimezone(zone).date() - timedelta(days=days - 1)
    return datetime.combine(first, time(0), zone)


def figures(sales: list[Sale], placed: list[Placed]) -> dict:
    ordering = {p.buyer_id for p in placed}
    paying_of_ordering = {p.buyer_id for p in placed if p.paid}
    return {
        "gmv_fen": sum(s.gmv_fen for s in sales),
        "orders": len(sales),
        "paying_buyers": len({s.buyer_id for s in sales}),
        "ordering_buyers": len(ordering),
        "conversion_bps": len(paying_of_ordering) * 10_000 // len(ordering) if ordering else 0,
    }


def since(sales: list[Sale], placed: list[Placed], start: datetime) -> tuple[list, list]:
    """The sales and placed orders from `start` on."""
    return ([s for s in sales if s.paid_at >= start],
            [p for p in placed if p.created_at >= start])


def daily(sales: list[Sale], first: date, days: int, zone: tzinfo) -> list[dict]:
    """GMV and orders for each China day of the period, zeros included."""
    series = {first + timedelta(days=i): [0, 0] for i in range(days)}
    for sale in sales:
        bucket = series.get(sale.paid_at.astimezone(zone).date())
        if bucket is not None:
            bucket[0] += sale.gmv_fen
            bucket[1] += 1
    return [{"day": d.isoformat(), "gmv_fen": g, "orders": n} for d, (g, n) in series.items()]


def by_source(sales: list[Sale]) -> list[dict]:
    """GMV and orders per source, every source listed, in SOURCES order."""
    totals = {source: [0, 0] for source in SOURCES}
    for sale in sales:
        totals[sale.source][0] += sale.gmv_fen
        totals[sale.source][1] += 1
    return [{"source": s, "gmv_fen": g, "orders": n} for s, (g, n) in totals.items()]


def top_products(lines: list[Line], limit: int = TOP_PRODUCTS) -> list[dict]:
    products: dict[int, dict] = {}
    for line in lines:
        entry = products.setdefault(line.product_id, {"product_id": line.product_id,
                                                      "title": line.title, "quantity": 0,
                                                      "gmv_fen": 0})
        entry["title"] = line.title
        entry["quantity"] += line.quantity
        entry["gmv_fen"] += line.amount_fen
    ranked = sorted(products.values(), key=lambda p: (-p["gmv_fen"], p["product_id"]))
    return ranked[:limit]
