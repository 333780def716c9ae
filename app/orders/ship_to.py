"""The buyer gives an express order its address after placing it (a flash
grab, a group seat or a bargain is placed without one). The order keeps the
first address it is given: it may be set while the order has none and has
not shipped (pending, paid, grouping or to_ship), and never changed after,
since its postage was charged for where it goes. The copy is the address
as it is now (delivery.snapshot); the address may change later, the order
will not."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.addresses import book
from app.orders import delivery, rules, service
from app.orders.errors import InvalidDelivery, OrderNotFound, ShipToNotChangeable
from app.orders.models import Order

SETTABLE = frozenset({rules.PENDING, rules.PAID, rules.GROUPING, rules.TO_SHIP})


def set_for_buyer(session: Session, *, buyer_id: int, order_id: int, address_id: int) -> Order:
    """Another buyer's order, or another buyer's address, is not found."""
    order = service.lock_order(session, order_id)
    if order.buyer_id != buyer_id:
        raise OrderNotFound()
    address = book.get_mine(session, buyer_id, address_id)
    if order.delivery_kind != delivery.EXPRESS:
        raise InvalidDelivery("A pickup order takes no address.",
                              details={"reason": "address_not_for_pickup"})
    if delivery.has_ship_to(order) or order.status not in SETTABLE:
        raise ShipToNotChangeable(details={"status": order.status})
    for name, value in delivery.snapshot(address).items():
        setattr(order, name, value)
    session.flush()
    return order

