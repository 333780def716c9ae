"""How an order's goods reach the buyer: "express" to an address, or
"pickup" at a community pickup point (order source "pickup", whose resolver
admits that community's members only).

- The kind: asked for, or "pickup" when the source names a pickup point
  and "express" otherwise. Pickup needs a pickup point and takes no
  address; express takes no pickup point.
- The ship-to: express orders copy the buyer's own address into the order
  (names, phone, region code and detail), so later edits or a deletion of
  the address never change the order. An express order may be placed
  without one (a flash grab, a group seat, a bargain); the buyer gives it
  before shipping (ship_to.py), and shipping asks `require_ship_to`.
- A pickup order may keep a contact (name and phone) for the leader.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.addresses import book
from app.addresses.models import Address
from app.orders.errors import InvalidDelivery, ShipToMissing
from app.orders.models import Order
from app.regions import dataset

EXPRESS, PICKUP = "express", "pickup"
KINDS = (EXPRESS, PICKUP)


def kind_for(asked: str | None, source: dict | None) -> str:
    """The delivery kind of an order from what the buyer asked and its source."""
    pickup_point = bool((source or {}).get("pickup"))
    kind = asked or (PICKUP if pickup_point else EXPRESS)
    if kind == PICKUP and not pickup_point:
        raise InvalidDelivery("Pickup names a pickup point (source.pickup).",
                              details={"reason": "pickup_point_required"})
    if kind == EXPRESS and pickup_point:
        raise InvalidDelivery("An order for a pickup point is delivered there (delivery "
                              "\"pickup\").", details={"reason": "pickup_point_needs_pickup"})
    return kind


def snapshot(address: Address) -> dict:
    """The order columns copied from an address. Its region is checked again
    against the dataset (a code the divisions dropped since is refused)."""
    dataset.district(address.region_code)
    return {"ship_to_name": address.recipient, "ship_to_phone": address.phone,
            "ship_to_province": address.province, "ship_to_city": address.city,
            "ship_to_district": address.district, "ship_to_region_code": address.region_code,
            "ship_to_detail": address.detail}


def ship_to_for(session: Session, *, buyer_id: int, kind: str, address_id: int | None,
                contact: dict | None) -> dict:
    """The order columns of its ship-to: the buyer's own address copied
    (another buyer's is not found), a pickup contact, or nothing yet."""
    if kind == PICKUP:
        if address_id is not None:
            raise InvalidDelivery("A pickup order takes no address.",
                                  details={"reason": "address_not_for_pickup"})
        if not contact:
            return {}
        return {"ship_to_name": contact["name"], "ship_to_phone": contact["phone"]}
    if contact:
        raise InvalidDelivery("A contact is for pickup orders; an express order takes an "
                              "address.", details={"reason": "contact_only_for_pickup"})
    if address_id is None:
        return {}
    return snapshot(book.get_mine(session, buyer_id, address_id))


def has_ship_to(order: Order) -> bool:
    return bool(order.ship_to_region_code)


def require_ship_to(order: Order) -> None:
    """Before an express order ships: it must have its address (ship_to_missing)."""
    if order.delivery_kind == EXPRESS and not has_ship_to(order):
        raise ShipToMissing(details={"order_id": order.id})
