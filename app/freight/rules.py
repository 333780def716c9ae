"""Freight rules: what an order's parcel costs to a region. Pure: stdlib only.

Methods. A template prices by `piece` (units are pieces), by `weight` (units
are grams: each line's SKU weight in grams times its quantity) or `flat` (one
fee, whatever the units).

Regions. Each region group lists 6-digit GB/T 2260 codes: provinces, cities
or districts. A ship-to district takes the most specific entry of the
template that contains it: its own code, else its city's (first four digits
and "00"), else its province's (first two and "0000"); with none, the
template's default fees. An entry may instead be "not delivered": the order
is refused (NotDelivered). A code stands in a template once.

Fees. The first fee covers up to `first_units` (an order with goods of this
template pays at least the first fee, weightless goods too); each further
`additional_units`, or part of them (rounded up), adds the additional fee.
Flat: the first fee alone.

Free shipping per group: `free_over_fen` (the template's goods amount before
discounts reaches it) and `free_over_count` (its pieces reach it); a group
may set either or both, and with both set both must be met. None set: never
free.

Several templates in one order: each template prices its own lines (their
goods, pieces and weight) with its own group for the region, and the order's
postage is the SUM of the templates' fees. Lines whose product names no
template ship free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PIECE, WEIGHT, FLAT = "piece", "weight", "flat"
METHODS = (PIECE, WEIGHT, FLAT)
DEFAULT = -1  # the group index a quote names when the default fees applied


@dataclass(frozen=True)
class Fees:
    first_units: int
    first_fee_fen: int
    additional_units: int
    additional_fee_fen: int
    free_over_fen: int | None = None
    free_over_count: int | None = None


@dataclass(frozen=True)
class RegionGroup:
    regions: frozenset[str]
    fees: Fees


@dataclass(frozen=True)
class Template:
    id: int
    method: str
    default: Fees
    groups: tuple[RegionGroup, ...] = ()
    not_delivered: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Line:
    """One order line as freight sees it."""

    quantity: int
    weight_g: int  # of one unit
    goods_fen: int


@dataclass(frozen=True)
class Quote:
    template_id: int
    group: int  # index into the template's groups, or DEFAULT
    fee_fen: int
    free: bool


class NotDelivered(ValueError):
    def __init__(self, template_id: int, entry: str):
        super().__init__(f"template {template_id} does not deliver to {entry}")
        self.template_id, self.entry = template_id, entry


def containing(region_code: str) -> tuple[str, ...]:
    """The codes that contain a region, most specific first: the district,
    its city, its province (without repeats)."""
    codes = (region_code, region_code[:4] + "00", region_code[:2] + "0000")
    return tuple(dict.fromkeys(codes))


def resolve(template: Template, region_code: str) -> tuple[int, Fees]:
    """(group index or DEFAULT, fees) for the region; NotDelivered if the most
    specific entry containing it is a not-delivered one."""
    for code in containing(region_code):
        if code in template.not_delivered:
            raise NotDelivered(template.id, code)
        for index, group in enumerate(template.groups):
            if code in group.regions:
                return index, group.fees
    return DEFAULT, template.default


def units(method: str, lines: Iterable[Line]) -> int:
    """Pieces for `piece` and `flat`, grams for `weight`."""
    if method == WEIGHT:
        return sum(line.quantity * line.weight_g for line in lines)
    if method in (PIECE, FLAT):
        return sum(line.quantity for line in lines)
    raise ValueError(f"unknown freight method {method!r}")


def fee(method: str, fees: Fees, amount: int) -> int:
    """The fee for `amount` units (before free shipping)."""
    if method == FLAT or amount <= fees.first_units:
        return fees.first_fee_fen
    more = -(-(amount - fees.first_units) // fees.additional_units)  # rounded up
    return fees.first_fee_fen + more * fees.additional_fee_fen


def is_free(fees: Fees, goods_fen: int, pieces: int) -> bool:
    """Every threshold the group sets is met (and it sets at least one)."""
    limits = [(fees.free_over_fen, goods_fen), (fees.free_over_count, pieces)]
    set_ = [(limit, value) for limit, value in limits if limit is not None]
    return bool(set_) and all(value >= limit for limit, value in set_)


def quote(template: Template, lines: list[Line], region_code: str) -> Quote:
    """One template's fee for its own lines shipped to the region."""
    index, fees = resolve(template, region_code)
    pieces = sum(line.quantity for line in lines)
    if is_free(fees, sum(line.goods_fen for line in lines), pieces):
        return Quote(template.id, index, 0, True)
    return Quote(template.id, index, fee(template.method, fees, units(template.method, lines)),
                 False)


def postage(templates: Mapping[int, Template], lines: Iterable[tuple[int | None, Line]],
            region_code: str) -> tuple[int, list[Quote]]:
    """The order's postage and one quote per template, in template id order.
    `lines`: (template id or None for free postage, line). Refused with
    NotDelivered for the first template (by id) that does not deliver there."""
    by_template: dict[int, list[Line]] = {}
    for template_id, line in lines:
        if template_id is not None:
            by_template.setdefault(template_id, []).append(line)
    quotes = [quote(templates[tid], by_template[tid], region_code)
              for tid in sorted(by_template)]
    return sum(q.fee_fen for q in quotes), quotes


def repeated_regions(groups: Iterable[Iterable[str]], not_delivered: Iterable[str]) -> list[str]:
    """Codes named more than once in a template (in groups or not delivered),
    sorted: a code must stand in one place."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for codes in (*groups, not_delivered):
        for code in codes:
            (repeated if code in seen else seen).add(code)
    return sorted(repeated)
