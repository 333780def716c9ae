"""Pickup points and the goods that wait there. A buyer names an active
point at checkout (order source "pickup"); the point names its community and
leader, and must belong to the order's merchant. A paid pickup order gets a
six-digit code, unique among the codes still open at its point, kept in
plain text because the buyer must be able to show it again at any time (it
proves presence, not identity, and guessing is capped per order). The
leader enters it at hand-over: a wrong code is refused and changes nothing
in the database; every try counts in Redis, five per order per hour, so a
code cannot be brute-forced. The right code moves the order to received
(the after-sale window then runs as for any order) and posts the leader's
commission."""

from __future__ import annotations

import hmac
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import clock
from app.addresses.rules import mask_phone
from app.auth.models import User
from app.db import insert_ignore
from app.orders import schedule
from app.orders import service as orders
from app.orders.models import Order, OrderLine
from community import communities, errors, keys, leader_commission, rules
from community.models import Community, Pickup, PickupPoint

WAITING, PICKED_UP, REFUNDED = "waiting", "picked_up", "refunded"
CODE_DRAWS = 20


def point_of(session: Session, community_id: int, leader_id: int) -> PickupPoint:
    point = session.scalar(select(PickupPoint).filter_by(community_id=community_id,
                                                         leader_id=leader_id))
    if point is None:
        raise errors.PickupPointNotFound()
    return point


def save_point(session: Session, *, community: Community, leader_id: int,
               data: dict) -> PickupPoint:
    """Staff set a leader's point (one per leader and community)."""
    communities.leader(session, community.id, leader_id)
    point = session.scalar(select(PickupPoint).filter_by(community_id=community.id,
                                                         leader_id=leader_id))
    if point is None:
        point = PickupPoint(merchant_id=community.merchant_id, community_id=community.id,
                            leader_id=leader_id)
        session.add(point)
    for name in ("name", "address", "opening_hours", "active"):
        if getattr(point, name) != data[name]:
            setattr(point, name, data[name])
    session.flush()
    return point


def active_points(session: Session, community_id: int) -> list[PickupPoint]:
    return list(session.scalars(select(PickupPoint).where(
        PickupPoint.community_id == community_id, PickupPoint.active.is_(True))
        .order_by(PickupPoint.id)))


def resolve_point(session: Session, point_id: int, buyer_id: int) -> dict:
    """Order source resolver for {"pickup": point id}: an open point, and a
    buyer who is a member of its community (any role); anyone else is
    refused before the order takes anything, so no leader is credited for
    a stranger's order."""
    point = session.get(PickupPoint, point_id)
    if point is None:
        raise errors.PickupPointNotFound(details={"point_id": point_id})
    if not point.active:
        raise errors.PickupPointClosed(details={"point_id": point_id})
    if communities.membership(session, point.community_id, buyer_id) is None:
        raise errors.PickupMembersOnly(details={"point_id": point_id,
                                                "community_id": point.community_id})
    return {"community_id": point.community_id, "leader_id": point.leader_id,
            "merchant_id": point.merchant_id}


def on_paid(session: Session, order: Order, now: datetime) -> Pickup | None:
    """A paid order for pickup waits at its point under a fresh code (once)."""
    if order.community_id is None or order.leader_id is None:
        return None
    point = session.scalar(select(PickupPoint).filter_by(community_id=order.community_id,
                                                         leader_id=order.leader_id))
    if point is None:  # never raise into the payment notice; points are never deleted
        return None
    for _ in range(CODE_DRAWS):
        code = rules.new_pickup_code()
        if insert_ignore(session, Pickup, order_id=order.id, merchant_id=order.merchant_id,
                         community_id=order.community_id, leader_id=order.leader_id,
                         point_id=point.id, code=code, open_code=code, status=WAITING,
                         paid_at=order.paid_at or now):
            break
        if session.get(Pickup, order.id) is not None:
            break  # recorded before: a replayed event
    return session.get(Pickup, order.id)


def on_refunded(session: Session, order: Order, *, whole: bool) -> None:
    """A wholly refunded order's code closes: nothing is left to hand over."""
    if whole:
        session.execute(update(Pickup).where(Pickup.order_id == order.id,
                                             Pickup.status == WAITING)
                        .values(status=REFUNDED, open_code=None)
                        .execution_options(synchronize_session=False))


def buyer_pickup(session: Session, *, buyer_id: int, order_id: int) -> tuple[Pickup, PickupPoint]:
    """The buyer's own order (another's is not found), if it is for pickup."""
    orders.buyer_order(session, buyer_id, order_id)
    pickup = session.get(Pickup, order_id)
    if pickup is None:
        raise errors.PickupNotFound()
    return pickup, session.get(PickupPoint, pickup.point_id)


def buyer_pickups(session: Session, *, buyer_id: int,
                  community_id: int) -> list[tuple[Pickup, PickupPoint]]:
    """The buyer's own pickup orders in a community, newest first, each with
    its point (waiting ones carry the code to show at hand-over)."""
    rows = session.execute(
        select(Pickup, PickupPoint).join(PickupPoint, PickupPoint.id == Pickup.point_id)
        .join(Order, Order.id == Pickup.order_id)
        .where(Pickup.community_id == community_id, Order.buyer_id == buyer_id)
        .order_by(Pickup.paid_at.desc(), Pickup.order_id.desc()).limit(100))
    return [(pickup, point) for pickup, point in rows]


def count_attempt(redis, order_id: int) -> int:
    """This try's number within the window (atomic: SET NX EX + INCR in MULTI)."""
    pipe = redis.pipeline(transaction=True)
    pipe.set(keys.pickup_attempts(order_id), 0, ex=rules.PICKUP_ATTEMPT_WINDOW_S, nx=True)
    pipe.incr(keys.pickup_attempts(order_id))
    return int(pipe.execute()[1])


def hand_over(session: Session, redis, *, leader_id: int, order_id: int, code: str,
              now: datetime) -> Pickup:
    """The leader checks the buyer's code: right, the order is received and
    the commission posted pending; wrong or locked, nothing changes."""
    orders.lock_order(session, order_id)  # serialised with refunds of this order
    pickup = session.get(Pickup, order_id)
    if pickup is None or pickup.leader_id != leader_id:
        raise errors.PickupNotFound()
    session.refresh(pickup)
    if pickup.status != WAITING:
        raise errors.PickupNotWaiting(details={"status": pickup.status})
    tries = count_attempt(redis, order_id)
    if tries > rules.PICKUP_MAX_ATTEMPTS:
        raise errors.PickupCodeLocked(details={"retry_after_s": redis.ttl(
            keys.pickup_attempts(order_id))})
    if not hmac.compare_digest(pickup.code.encode(), code.encode()):
        raise errors.PickupCodeWrong(details={"attempts_left":
                                              rules.PICKUP_MAX_ATTEMPTS - tries})
    order = orders.receive_at_pickup(session, order_id=order_id, now=now)
    pickup.status, pickup.open_code, pickup.picked_up_at = PICKED_UP, None, now
    leader_commission.accrue(session, order, now)
    schedule.completion(session, order)
    return pickup


def pick_list(session: Session, *, community_id: int, leader_id: int, day: date) -> dict:
    """What a point hands over for orders paid on a China day: each SKU's
    total quantity, and the orders (wholly refunded ones left out), each
    with who collects it: the order's contact, else the buyer's nickname,
    and the contact's phone masked (138****1234)."""
    point = point_of(session, community_id, leader_id)
    start, end = clock.china_day_bounds(day)
    rows = session.execute(
        select(Pickup, Order, User.nickname).join(Order, Order.id == Pickup.order_id)
        .join(User, User.id == Order.buyer_id)
        .where(Pickup.point_id == point.id, Pickup.paid_at >= start, Pickup.paid_at < end,
               Pickup.status != REFUNDED).order_by(Pickup.order_id)).all()
    skus: dict[int, dict] = {}
    out_orders = []
    for pickup, order, nickname in rows:
        lines = [_line(ln) for ln in order.lines]
        for ln in lines:
            sku = skus.setdefault(ln["sku_id"], {**ln, "quantity": 0})
            sku["quantity"] += ln["quantity"]
        out_orders.append({"order_id": order.id, "buyer_id": order.buyer_id,
                           "recipient": order.ship_to_name or nickname,
                           "phone": mask_phone(order.ship_to_phone),
                           "status": pickup.status, "order_status": order.status,
                           "refund_status": order.refund_status, "paid_at": pickup.paid_at,
                           "picked_up_at": pickup.picked_up_at, "lines": lines})
    return {"day": day, "point": point, "skus": [skus[k] for k in sorted(skus)],
            "orders": out_orders}


def _line(line: OrderLine) -> dict:
    return {"sku_id": line.sku_id, "title": line.title, "spec": line.spec,
            "quantity": line.quantity}
