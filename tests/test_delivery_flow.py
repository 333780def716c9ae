"""A parcel from cart to doorstep, through the API only: the merchant makes a
freight template and a product that names it; the buyer keeps an address in
Urumqi, previews the cart, orders it (idempotently), edits and deletes the
address (the order keeps its copy), pays; staff ship in two packages
(partially_shipped, then shipped); the sandbox carrier's "signed for" pushes
receive the order once; the buyer reads both timelines. A Hong Kong address
is refused at checkout."""

from __future__ import annotations

from sqlalchemy import select

from app import clock
from app.catalog.models import Sku
from app.db import transaction
from tests.payments.conftest import post_notice, sandbox  # noqa: F401 - fixture
from tests.tracking.conftest import post_push, tracker  # noqa: F401 - fixture

TEMPLATE = {"name": "包邮以外", "method": "piece",
            "default": {"first_units": 1, "first_fee_fen": 800, "additional_units": 1,
                        "additional_fee_fen": 200},
            "groups": [{"regions": ["650000"], "first_units": 1, "first_fee_fen": 2000,
                        "additional_units": 1, "additional_fee_fen": 500}],
            "not_delivered": ["810000"]}
URUMQI = {"recipient": "阿依古丽", "phone": "13912345678", "region_code": "650102",
          "detail": "人民路 1 号"}
SHIP_TO = {"recipient": "阿依古丽", "phone": "13912345678", "province": "新疆维吾尔自治区",
           "city": "乌鲁木齐市", "district": "天山区", "region_code": "650102",
           "detail": "人民路 1 号"}
PARCELS = ("SF1000000000011", "SF1000000000012")


def _shop(client, make) -> tuple[int, dict, list[int]]:
    merchant = make.merchant("owner")
    staff = make.login("owner")
    base = f"/api/v1/merchants/{merchant}"
    template = client.post(f"{base}/freight-templates", headers=staff, json=TEMPLATE)
    assert template.status_code == 201, template.json
    product = client.post(f"{base}/products", headers=staff, json={
        "title": "吐鲁番葡萄干", "status": "on_sale", "freight_template_id": template.json["id"],
        "skus": [{"spec": "500 g", "price_fen": 3000, "stock": 10, "weight_g": 520},
                 {"spec": "1 kg", "price_fen": 5500, "stock": 10, "weight_g": 1020}]})
    assert product.status_code == 201, product.json
    return merchant, staff, [sku["id"] for sku in product.json["skus"]]


def _stock(sku_ids: list[int]) -> list[int]:
    with transaction() as s:
        return [s.scalar(select(Sku.stock).where(Sku.id == i)) for i in sku_ids]


def test_a_parcel_goes_from_the_cart_to_the_doorstep(client, make, sandbox, tracker):  # noqa: F811
    merchant, staff, (small, large) = _shop(client, make)
    buyer = make.login("aygul")
    address = client.post("/mp/v1/addresses", headers=buyer, json=URUMQI)
    assert address.status_code == 201, address.json
    for sku, quantity in ((small, 2), (large, 1)):
        added = client.post("/mp/v1/cart/lines", headers=buyer,
                            json={"sku_id": sku, "quantity": quantity})
        assert added.status_code == 201, added.json

    # 3 pieces to Xinjiang: 20 yuan the first, 5 yuan each more
    body = {"cart": True, "address_id": address.json["id"]}
    preview = client.post("/mp/v1/checkout/preview", headers=buyer, json=body)
    assert preview.status_code == 200, preview.json
    (shop,) = preview.json["merchants"]
    assert (shop["goods_fen"], shop["postage_fen"], shop["discount_fen"], shop["total_fen"]) \
        == (11500, 3000, 0, 14500)

    order = client.post("/mp/v1/orders", headers=buyer, json={**body, "request_id": "parcel-1"})
    assert order.status_code == 201, order.json
    again = client.post("/mp/v1/orders", headers=buyer, json={**body, "request_id": "parcel-1"})
    assert (again.status_code, again.json["id"]) == (200, order.json["id"])
    assert (order.json["goods_fen"], order.json["postage_fen"], order.json["total_fen"],
            order.json["delivery_kind"], order.json["ship_to"]) == \
        (11500, 3000, 14500, "express", SHIP_TO)
    assert _stock([small, large]) == [8, 9]
    assert client.get("/mp/v1/cart", headers=buyer).json["merchants"] == []

    # the address changes and goes; the order keeps what it was sent to
    changed = client.patch(f"/mp/v1/addresses/{address.json['id']}", headers=buyer,
                           json={"detail": "解放路 9 号"})
    assert changed.status_code == 200, changed.json
    assert client.delete(f"/mp/v1/addresses/{address.json['id']}",
                         headers=buyer).status_code == 204
    order_id = order.json["id"]
    assert client.get(f"/mp/v1/orders/{order_id}", headers=buyer).json["ship_to"] == SHIP_TO
    seen = client.get(f"/api/v1/merchants/{merchant}/orders/{order_id}", headers=staff)
    assert (seen.json["ship_to"], seen.json["buyer"]["id"]) == (SHIP_TO, make.user("aygul"))

    prepay = client.post(f"/mp/v1/orders/{order_id}/pay", headers=buyer)
    assert prepay.status_code == 200, prepay.json
    headers, notice = sandbox.notice(sandbox.pay(prepay.json["out_trade_no"], clock.now()),
                                     clock.now())
    assert post_notice(client, headers, notice).status_code == 204

    lines = {line["sku_id"]: line["id"] for line in order.json["lines"]}
    ship = f"/api/v1/merchants/{merchant}/orders/{order_id}/ship"
    first = client.post(ship, headers=staff, json={
        "carrier": "SF", "tracking_no": PARCELS[0],
        "lines": [{"line_id": lines[small], "quantity": 2}]})
    assert (first.status_code, first.json["status"]) == (200, "partially_shipped")
    too_many = client.post(ship, headers=staff, json={
        "carrier": "SF", "tracking_no": PARCELS[1],
        "lines": [{"line_id": lines[large], "quantity": 2}]})
    assert (too_many.status_code, too_many.json["error"]["code"]) == (422, "exceeds_shippable")
    second = client.post(ship, headers=staff, json={"carrier": "SF", "tracking_no": PARCELS[1]})
    assert (second.status_code, second.json["status"]) == (200, "shipped")

    for number in PARCELS:
        headers, push = tracker.advance("SF", number, clock.now(), to="signed")
        for _ in range(3):  # replays change nothing
            assert post_push(client, headers, push).status_code == 200
    mine = client.get(f"/mp/v1/orders/{order_id}", headers=buyer).json
    assert mine["status"] == "received"
    packages = client.get(f"/mp/v1/orders/{order_id}/packages", headers=buyer).json["packages"]
    assert [(p["tracking_no"], p["state"], [e["state"] for e in p["events"]][:1])
            for p in packages] == [(PARCELS[0], "signed", ["signed"]),
                                   (PARCELS[1], "signed", ["signed"])]


def test_an_address_the_shop_does_not_deliver_to_is_refused_at_checkout(client, make):
    _merchant, _staff, (small, _large) = _shop(client, make)
    buyer = make.login("wing")
    address = client.post("/mp/v1/addresses", headers=buyer, json={
        **URUMQI, "recipient": "陈永", "region_code": "810101", "detail": "皇后大道中 1 号"})
    assert address.status_code == 201, address.json
    body = {"lines": [{"sku_id": small, "quantity": 1}], "address_id": address.json["id"]}
    for path in ("/mp/v1/checkout/preview", "/mp/v1/orders"):
        refused = client.post(path, headers=buyer, json=body)
        assert (refused.status_code, refused.json["error"]["code"],
                refused.json["error"]["details"]["region_code"]) == \
            (422, "region_not_delivered", "810101")
    assert _stock([small]) == [10]
