"""An order's delivery: express to a copy of the buyer's address (edits and
deletions of the address never reach it), the checkout told the kind and
region, an express order without an address cannot ship until its buyer
gives one, and who sees the ship-to: the buyer, and their merchant's staff
only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock
from app.auth.models import User
from app.db import transaction
from app.orders import pricing, service
from app.orders.models import Order
from tests.conftest import count, stock_of

PARCEL = {"carrier": "SF", "tracking_no": "SF1234567890123"}
SHIP_TO = {"recipient": "李雷", "phone": "13812341234", "province": "浙江省",
           "city": "杭州市", "district": "西湖区", "region_code": "330106",
           "detail": "文三路 90 号 501 室"}
ADDRESS = {"recipient": "李雷", "phone": "13812341234", "region_code": "330106",
           "detail": "文三路 90 号 501 室"}


@pytest.fixture
def shop(make):
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=[(1000, 10)])
    return merchant, sku


def _address(client, headers, **changes) -> int:
    resp = client.post("/mp/v1/addresses", headers=headers, json={**ADDRESS, **changes})
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def _order(client, headers, sku, **extra):
    return client.post("/mp/v1/orders", headers=headers,
                       json={"lines": [{"sku_id": sku, "quantity": 1}], **extra})


def _paid(order_id: int) -> None:
    with transaction() as s:
        assert service.mark_paid(s, order_id=order_id, now=clock.now())


def test_the_snapshot_survives_the_address_being_edited_and_deleted(client, make, shop):
    _, sku = shop
    alice = make.login("alice")
    address_id = _address(client, alice)
    order = _order(client, alice, sku, address_id=address_id).json
    assert (order["delivery_kind"], order["ship_to"]) == ("express", SHIP_TO)
    resp = client.patch(f"/mp/v1/addresses/{address_id}", headers=alice, json={
        "recipient": "韩梅梅", "phone": "13900001111", "region_code": "440305",
        "detail": "科苑路 15 号"})
    assert (resp.status_code, resp.json["district"]) == (200, "南山区")
    assert client.get(f"/mp/v1/orders/{order['id']}", headers=alice).json["ship_to"] == SHIP_TO
    assert client.delete(f"/mp/v1/addresses/{address_id}", headers=alice).status_code == 204
    assert client.get(f"/mp/v1/orders/{order['id']}", headers=alice).json["ship_to"] == SHIP_TO
    with transaction() as s:
        row = s.get(Order, order["id"])
        assert (row.ship_to_name, row.ship_to_phone, row.ship_to_province, row.ship_to_city,
                row.ship_to_district, row.ship_to_region_code, row.ship_to_detail) == (
            "李雷", "13812341234", "浙江省", "杭州市", "西湖区", "330106", "文三路 90 号 501 室")


def test_checkout_steps_see_the_delivery_kind_and_region(make, shop):
    _, sku = shop
    seen = []
    saved = pricing.registered()
    pricing.register("spy", lambda _s, c, _n: seen.append((c.delivery_kind, c.region_code)),
                     rank=5)
    try:
        address_id, alice = make.address("alice", region_code="440305"), make.user("alice")
        with transaction() as s:
            service.create_order(s, buyer_id=alice, lines=[(sku, 1)], now=clock.now(),
                                 address_id=address_id)
            service.create_order(s, buyer_id=alice, lines=[(sku, 1)], now=clock.now())
    finally:
        pricing.restore(saved)
    assert seen == [("express", "440305"), ("express", "")]


def test_buyer_b_cannot_order_to_or_set_buyer_as_address(client, make, shop):
    _, sku = shop
    alice, bob = make.login("alice"), make.login("bob")
    address_id = _address(client, alice)
    resp = _order(client, bob, sku, address_id=address_id)
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == \
        (404, "address_not_found", {"address_id": address_id})
    assert (count(Order), stock_of(sku)) == (0, 10)
    bobs = _order(client, bob, sku).json["id"]
    resp = client.post(f"/mp/v1/orders/{bobs}/address", headers=bob,
                       json={"address_id": address_id})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "address_not_found")
    assert client.get(f"/mp/v1/orders/{bobs}", headers=bob).json["ship_to"] is None
    alices = _order(client, alice, sku).json["id"]
    resp = client.post(f"/mp/v1/orders/{alices}/address", headers=bob,
                       json={"address_id": _address(client, bob)})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")


def test_an_express_order_ships_only_once_its_buyer_gave_the_address(client, make, shop):
    merchant, sku = shop
    alice, owner = make.login("alice"), make.login("owner")
    order_id = _order(client, alice, sku).json["id"]
    _paid(order_id)
    ship = f"/api/v1/merchants/{merchant}/orders/{order_id}/ship"
    resp = client.post(ship, headers=owner, json=PARCEL)
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == \
        (409, "ship_to_missing", {"order_id": order_id})
    with transaction() as s:
        assert (s.get(Order, order_id).status, s.get(Order, order_id).shipped_at) == \
            ("to_ship", None)
    resp = client.post(f"/mp/v1/orders/{order_id}/address", headers=alice,
                       json={"address_id": _address(client, alice)})
    assert (resp.status_code, resp.json["ship_to"]) == (200, SHIP_TO)
    resp = client.post(f"/mp/v1/orders/{order_id}/address", headers=alice,
                       json={"address_id": _address(client, alice, detail="另一个地址")})
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == \
        (409, "ship_to_not_changeable", {"status": "to_ship"})
    resp = client.post(ship, headers=owner, json=PARCEL)
    assert (resp.status_code, resp.json["status"], resp.json["ship_to"]) == \
        (200, "shipped", SHIP_TO)


def test_staff_see_the_buyer_and_ship_to_of_their_own_orders_only(client, make, shop):
    merchant, sku = shop
    alice = make.login("alice")
    order_id = _order(client, alice, sku, address_id=_address(client, alice)).json["id"]
    alice_id = make.user("alice")
    with transaction() as s:
        nickname = s.get(User, alice_id).nickname
    owner = make.login("owner")
    detail = client.get(f"/api/v1/merchants/{merchant}/orders/{order_id}", headers=owner)
    assert detail.status_code == 200
    assert (detail.json["buyer"], detail.json["ship_to"]) == \
        ({"id": alice_id, "nickname": nickname}, SHIP_TO)
    (listed,) = client.get(f"/api/v1/merchants/{merchant}/orders", headers=owner).json["items"]
    assert (listed["buyer"]["nickname"], listed["ship_to"]) == (nickname, SHIP_TO)

    other = make.merchant("rival", "Rival")
    rival = make.login("rival")
    resp = client.get(f"/api/v1/merchants/{other}/orders/{order_id}", headers=rival)
    assert (resp.status_code, resp.json) == (404, {"error": {
        "code": "order_not_found", "message": "No such order.", "details": {}}})
    assert client.get(f"/api/v1/merchants/{other}/orders", headers=rival).json["items"] == []
    resp = client.get(f"/api/v1/merchants/{merchant}/orders/{order_id}", headers=rival)
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    resp = client.post(f"/api/v1/merchants/{other}/orders/{order_id}/ship", headers=rival,
                       json=PARCEL)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")


def test_another_buyer_never_sees_the_ship_to(client, make, shop):
    _, sku = shop
    alice, bob = make.login("alice"), make.login("bob")
    order_id = _order(client, alice, sku, address_id=_address(client, alice)).json["id"]
    resp = client.get(f"/mp/v1/orders/{order_id}", headers=bob)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")
    assert client.get("/mp/v1/orders", headers=bob).json["items"] == []


@pytest.mark.parametrize(("extra", "reason"), [
    ({"delivery": "pickup"}, "pickup_point_required"),
    ({"contact": {"name": "李雷", "phone": "13812341234"}}, "contact_only_for_pickup"),
])
def test_a_delivery_that_does_not_fit_is_refused_with_nothing_taken(client, make, shop, extra,
                                                                    reason):
    _, sku = shop
    resp = _order(client, make.login("alice"), sku, **extra)
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == \
        (422, "invalid_delivery", {"reason": reason})
    assert (count(Order), stock_of(sku)) == (0, 10)


def test_an_address_whose_region_left_the_dataset_cannot_be_copied(client, make, shop):
    """A code the divisions dropped since the address was saved (written
    here straight into the row) is refused when an order would copy it."""
    from app.addresses.models import Address

    _, sku = shop
    alice = make.login("alice")
    address_id = _address(client, alice)
    with transaction() as s:
        s.get(Address, address_id).region_code = "330199"
    resp = _order(client, alice, sku, address_id=address_id)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "unknown_region")
    assert (count(Order), stock_of(sku)) == (0, 10)


def test_a_cancelled_order_takes_no_address(client, make, shop):
    merchant, sku = shop
    alice = make.login("alice")
    address_id = _address(client, alice)
    order_id = _order(client, alice, sku).json["id"]
    alice_id = make.user("alice")
    with transaction() as s:
        service.cancel_by_buyer(s, buyer_id=alice_id, order_id=order_id,
                                now=clock.now() + timedelta(seconds=1))
    resp = client.post(f"/mp/v1/orders/{order_id}/address", headers=alice,
                       json={"address_id": address_id})
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == \
        (409, "ship_to_not_changeable", {"status": "cancelled"})
