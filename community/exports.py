"""The pick-list export: a pickup point's pick list of one China day
(community/pickup.py), a row per order line."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from app.auth.roles import MERCHANT_STAFF
from app.exports.kinds import Kind
from app.exports.labels import label, moment
from community import communities, pickup

PICKUP_STATUS = {pickup.WAITING: ("待取货", "Waiting"), pickup.PICKED_UP: ("已取货", "Picked up"),
                 pickup.REFUNDED: ("已退款", "Refunded")}

PICK_COLUMNS = (("订单号", "Order no."), ("取货人", "Collected by"), ("手机号", "Phone"),
                ("商品", "Product"), ("规格", "Spec"), ("数量", "Quantity"),
                ("取货状态", "Pickup status"), ("付款时间", "Paid"))


def _pick_list(session: Session, merchant_id: int, filters: dict) -> dict:
    community = communities.get(session, filters["community_id"], merchant_id=merchant_id)
    communities.leader(session, community.id, filters["leader_id"])
    return pickup.pick_list(session, community_id=community.id,
                            leader_id=filters["leader_id"], day=filters["day"])


def check_pick_list(session: Session, merchant_id: int, filters: dict) -> None:
    community = communities.get(session, filters["community_id"], merchant_id=merchant_id)
    communities.leader(session, community.id, filters["leader_id"])
    pickup.point_of(session, community.id, filters["leader_id"])


def count_pick_list(session: Session, merchant_id: int, filters: dict) -> int:
    return sum(len(o["lines"]) for o in _pick_list(session, merchant_id, filters)["orders"])


def pick_rows(read, merchant_id: int, filters: dict, lang: str) -> Iterator[tuple]:
    """A point's day is small (its orders of one day): read at once."""
    with read() as session:
        orders = _pick_list(session, merchant_id, filters)["orders"]
    for order in orders:
        for line in order["lines"]:
            yield (order["order_id"], order["recipient"], order["phone"], line["title"],
                   line["spec"], line["quantity"], label(PICKUP_STATUS, order["status"], lang),
                   moment(order["paid_at"]))



PICK_LIST = Kind("pick_list", PICK_COLUMNS, MERCHANT_STAFF, ("community_id", "leader_id", "day"),
                 count_pick_list, pick_rows, ("备货单", "pick-list"), check=check_pick_list)
