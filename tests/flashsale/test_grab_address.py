"""A won grab is a pending express order without an address (the grab's
hot path writes orders in batches): its buyer gives it one afterwards, and
staff cannot ship it before."""

from __future__ import annotations

from app.db import transaction
from app.orders.models import Order
from tests.flashsale.conftest import grab, grab_token


def test_a_grab_order_takes_its_address_after_the_win(client, make, sale):
    s = sale()
    alice = make.login("alice")
    won = grab(client, s, alice, grab_token(client, s, alice))
    assert won.status_code == 201, won.json
    order_id = won.json["order_id"]
    with transaction() as session:
        order = session.get(Order, order_id)
        assert (order.delivery_kind, order.ship_to, order.status) == \
            ("express", None, "pending_payment")
    address_id = make.address("alice", region_code="310104")
    resp = client.post(f"/mp/v1/orders/{order_id}/address", headers=alice,
                       json={"address_id": address_id})
    assert resp.status_code == 200, resp.json
    assert (resp.json["kind"], resp.json["delivery_kind"], resp.json["ship_to"]) == (
        "flashsale", "express", {"recipient": "alice recipient", "phone": "13812341234",
                                 "province": "上海市", "city": "上海市", "district": "徐汇区",
                                 "region_code": "310104", "detail": "1 West Lake Road"})
