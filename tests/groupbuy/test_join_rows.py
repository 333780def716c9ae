"""A join's order, lines and member are written with the driver
(groupbuy/seat_orders.py, app/orders/batch.py), not the ORM: the rows are
those the ORM writes for the same priced order, the answer is OrderOut of
the order as the database holds it, and a pricing step's writer still gets
the order and what it changes is kept."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db import db, transaction
from app.orders import pricing
from app.orders import service as orders
from app.orders.models import Order, OrderLine
from app.orders.schemas import OrderOut
from groupbuy import keys
from groupbuy.models import GroupMember
from tests.groupbuy.conftest import group_activity, join, open_group

ORDERS, LINES, MEMBERS = Order.__table__, OrderLine.__table__, GroupMember.__table__


def _row(s, table, *where) -> dict:
    return dict(s.execute(select(table).where(*where)).one()._mapping)


def _orm_rows(buyer_id: int, sku_id: int, now) -> tuple[dict, dict]:
    """The order and line rows the ORM writes for the same join (rolled back)."""
    s = db().sessions()
    try:
        priced = orders.price_order(s, buyer_id=buyer_id, lines=[(sku_id, 1)], now=now,
                                    kind="groupbuy", prices={sku_id: 800})
        order = orders.new_order(priced, now=now)
        s.add(order)
        s.flush()
        return _row(s, ORDERS, ORDERS.c.id == order.id), \
            _row(s, LINES, LINES.c.order_id == order.id)
    finally:
        s.rollback()
        s.close()


def _join_a_group_of_3(client, shop, buyers):
    """A leader opens a group of 3 and buyer `a` joins it: (a, group id, answer, order id)."""
    shop.group_activity_id = group_activity(client, shop, group_size=3)
    leader, a = buyers.make(2)
    gid = open_group(client, shop, buyers.headers(leader)).json["group"]["id"]
    resp = join(client, gid, buyers.headers(a))
    assert resp.status_code == 201
    return a, gid, resp, resp.json["order"]["id"]


def test_a_joined_seat_writes_the_rows_the_orm_writes(client, redis, shop, buyers):
    a, gid, resp, oid = _join_a_group_of_3(client, shop, buyers)
    with transaction() as s:
        order, line = _row(s, ORDERS, ORDERS.c.id == oid), _row(s, LINES, LINES.c.order_id == oid)
        member = _row(s, MEMBERS, MEMBERS.c.order_id == oid)
        answer = OrderOut().dump(s.get(Order, oid))
    orm_order, orm_line = _orm_rows(a, shop.sku_id, order["created_at"])
    assert {**order, "id": 0} == {**orm_order, "id": 0}
    assert {**line, "id": 0, "order_id": 0} == {**orm_line, "id": 0, "order_id": 0}
    assert order["total_fen"] == line["amount_fen"] == 800
    assert resp.json["order"] == answer
    assert answer["lines"][0]["id"] == line["id"]
    seat = redis.hget(keys.group(gid)[1], a)
    assert {k: v for k, v in member.items() if k != "id"} == {
        "group_id": gid, "activity_id": shop.group_activity_id, "user_id": a,
        "order_id": oid, "seat": seat, "is_leader": False, "status": "held",
        "joined_at": order["created_at"], "paid_at": None}


@pytest.fixture
def remark_step():
    """A pricing step for group-buy orders: 100 fen off, and a writer that
    marks the order it is handed (as the coupon step names its coupon)."""
    saved = pricing.registered()

    def step(_session, checkout, _now):
        if checkout.kind != "groupbuy":
            return None
        checkout.discount_fen += 100
        return lambda order: setattr(order, "remark", f"step saw order {order.id}")
    pricing.register("test_remark", step, rank=1)
    yield
    pricing.restore(saved)


def test_a_pricing_step_s_writer_gets_the_joined_order(client, shop, buyers, remark_step):
    _, _, resp, oid = _join_a_group_of_3(client, shop, buyers)
    assert (resp.json["order"]["total_fen"], resp.json["order"]["discount_fen"],
            resp.json["order"]["remark"]) == (700, 100, f"step saw order {oid}")
    with transaction() as s:
        assert resp.json["order"] == OrderOut().dump(s.get(Order, oid))
        assert s.get(Order, oid).remark == f"step saw order {oid}"
