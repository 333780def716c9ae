"""Shipping use cases: a package out of an order, and the order's state
that follows from its packages.

A package is made under the order's row lock (app.orders.service.lock_order),
so two staff shipping the last units at once are served one after the
other: the second finds them gone (409 illegal_transition once the order is
shipped, 422 exceeds_shippable while it is partly shipped). The order is
`partially_shipped` while units are left to ship and `shipped` (its
auto-receive timer starting) once none is. The first package's carrier and
number are also kept on the order (`Order.carrier`, `tracking_no`), as the
single-package API always showed them. PackageShipped is recorded for
tracking, which subscribes to the number after the commit. An exchange
package (app/aftersales: units sent again) is tracked the same way but is
never the order's shipping: it counts in no line's shipped units and no
receipt.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import events, outbox
from app.orders import rules as order_rules
from app.orders import schedule
from app.orders import service as orders
from app.orders.delivery import require_ship_to
from app.orders.errors import IllegalState, OrderNotFound
from app.orders.models import Order
from app.payments.errors import UnknownOrderLine
from app.payments.refunds import line_states
from app.shipping import carriers, rules
from app.shipping.errors import (
    CarrierUnknown,
    ExceedsShippable,
    NothingToShip,
    TrackingNoInUse,
    TrackingNoInvalid,
)
from app.shipping.models import Package, PackageLine

ORDER, EXCHANGE = "", "exchange"  # Package.purpose


def carrier_and_number(carrier: str, tracking_no: str) -> tuple[carriers.Carrier, str]:
    """The carrier named (code, Chinese or English name, Kuaidi100 code) and
    the number normalised, or carrier_unknown / tracking_no_invalid."""
    found = carriers.find(carrier)
    if found is None:
        raise CarrierUnknown(details={"carrier": carrier[:40]})
    number = carriers.normalise(tracking_no)
    if not carriers.number_ok(found, number):
        raise TrackingNoInvalid(details={"carrier": found.code, "tracking_no": tracking_no[:64],
                                         "example": found.example})
    return found, number


def line_units(session: Session, order: Order) -> dict[int, rules.LineUnits]:
    """Per order line: ordered, refunded (refunds processing or done) and shipped units."""
    refunded = line_states(session, order)
    shipped = dict(session.execute(
        select(PackageLine.order_line_id, func.sum(PackageLine.quantity))
        .join(Package, Package.id == PackageLine.package_id)
        .where(Package.order_id == order.id, Package.purpose == ORDER)
        .group_by(PackageLine.order_line_id)).all())
    return {line.id: rules.LineUnits(line.id, line.quantity, refunded[line.id].refunded_units,
                                     int(shipped.get(line.id, 0)))
            for line in order.lines}


def ship(session: Session, *, merchant_id: int, order_id: int, carrier: str,
         tracking_no: str, staff_id: int, now: datetime,
         lines: list[tuple[int, int]] | None = None) -> tuple[Package, Order]:
    """One package of `lines` ((order line id, units); None: every unit left)."""
    found, number = carrier_and_number(carrier, tracking_no)
    order = orders.lock_order(session, order_id)
    if order.merchant_id != merchant_id:
        raise OrderNotFound()
    if order.status not in order_rules.SHIPPABLE_STATES:
        raise IllegalState(details={"status": order.status, "target": order_rules.SHIPPED})
    require_ship_to(order)
    units = line_units(session, order)
    content = _content(units, lines)
    package = _add_package(session, order, found.code, number, content, staff_id, now)
    target = rules.status_after(units, content)
    first = {} if order.tracking_no else {"carrier": found.code, "tracking_no": number}
    shipped_at = {"shipped_at": now} if target == order_rules.SHIPPED else {}
    if target != order.status and not orders.move(session, order, target, **first,
                                                   **shipped_at):
        raise IllegalState(details={"status": order.status, "target": target})
    outbox.record(session, events.PackageShipped(order_id=order.id, package_id=package.id,
                                                 at=now))
    return package, order


def _content(units: dict[int, rules.LineUnits],
             lines: list[tuple[int, int]] | None) -> dict[int, int]:
    try:
        return rules.package_lines(units, lines)
    except rules.UnknownLines as exc:
        raise UnknownOrderLine(details={"line_id": exc.line_ids[0]}) from exc
    except rules.TooMany as exc:
        raise ExceedsShippable(details={"lines": exc.lines}) from exc
    except rules.NothingLeft as exc:
        raise NothingToShip() from exc


def ship_exchange(session: Session, *, order: Order, lines: dict[int, int], carrier: str,
                  tracking_no: str, staff_id: int, now: datetime) -> Package:
    """A package of units sent again for an exchange (app/aftersales), the
    caller holding the order's lock: the order's state and what is left to
    ship stay as they are (an exchange package is never the order's
    shipping, so it is never `exceeds_shippable`); tracking follows it."""
    found, number = carrier_and_number(carrier, tracking_no)
    package = _add_package(session, order, found.code, number, lines, staff_id, now,
                           purpose=EXCHANGE)
    outbox.record(session, events.PackageShipped(order_id=order.id, package_id=package.id,
                                                 at=now))
    return package


def _add_package(session: Session, order: Order, carrier: str, number: str,
                 content: dict[int, int], staff_id: int, now: datetime,
                 purpose: str = ORDER) -> Package:
    taken = {"carrier": carrier, "tracking_no": number}
    if session.scalar(select(Package.id).filter_by(**taken)) is not None:
        raise TrackingNoInUse(details=taken)
    package = Package(order_id=order.id, carrier=carrier, tracking_no=number, shipped_at=now,
                      shipped_by=staff_id, state="", purpose=purpose,
                      lines=[PackageLine(order_line_id=i, quantity=q)
                             for i, q in content.items()])
    try:
        with session.begin_nested():  # a racing package of another order took the number
            session.add(package)
            session.flush()
    except IntegrityError as exc:
        raise TrackingNoInUse(details=taken) from exc
    return package


def start_timers(session: Session, order: Order) -> None:
    """After a package: a wholly shipped order starts its auto-receive timer."""
    if order.status == order_rules.SHIPPED:
        schedule.auto_receive(session, order)


def packages_of(session: Session, order_id: int) -> list[Package]:
    return list(session.scalars(select(Package).where(Package.order_id == order_id)
                                .order_by(Package.id)))


def unshipped(session: Session, order: Order) -> list[dict]:
    """What is left to ship, per line (lines with nothing left omitted)."""
    if order.status not in order_rules.SHIPPABLE_STATES:
        return []
    return [{"line_id": i, "quantity": u.shippable}
            for i, u in line_units(session, order).items() if u.shippable]


def on_refunded(session: Session, order: Order, now: datetime) -> None:
    """A refund succeeded (the order's holding hook, under its lock): when it
    took the last units that were still to ship, a partially shipped order
    is now wholly shipped, and its timer starts (or, every package already
    signed for, it is received)."""
    if order.status != order_rules.PARTIALLY_SHIPPED:
        return
    if not rules.all_shipped(line_units(session, order)):
        return
    if orders.move(session, order, order_rules.SHIPPED, shipped_at=now):
        start_timers(session, order)
        settle_delivery(session, order, now)


def mark_signed(session: Session, package: Package, at: datetime, now: datetime) -> bool:
    """The carrier says `package` was signed for at `at` (kept the first
    time). True when this made the order received."""
    if package.signed_at is None:
        package.signed_at = at
        session.flush()
    order = session.get(Order, package.order_id)
    return settle_delivery(session, order, now)


def settle_delivery(session: Session, order: Order, now: datetime) -> bool:
    """A wholly shipped order whose every package is signed for is received,
    once (the buyer's receipt path: the after-sale timer starts)."""
    if order.status != order_rules.SHIPPED:
        return False
    signed = list(session.scalars(select(Package.signed_at).where(
        Package.order_id == order.id, Package.purpose == ORDER)))
    if not signed or None in signed or \
            not orders.receive_delivered(session, order_id=order.id, now=now):
        return False
    session.refresh(order)
    schedule.completion(session, order)
    return True
