"""The order state machine through the API and the jobs: create with server
prices, pay, ship, receive, auto-receive, complete; illegal moves refused;
sources recorded; another buyer's order invisible."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock, events
from app.db import transaction
from app.errors import NotFound
from app.orders import jobs, service, sources
from app.orders.models import Order, OrderLine
from tests.conftest import T0, count, drain_events, stock_of


@pytest.fixture
def shop(make):
    merchant = make.merchant("owner")
    skus = make.product(merchant, skus=[(6800, 10), (12800, 5)])
    return merchant, skus


@pytest.fixture
def heard():
    seen = []
    for kind in (events.OrderPaid, events.OrderCancelled, events.OrderCompleted):
        events.subscribe(events.Handler(kind, f"test.{kind.name}",
                                        lambda _s, e, _n=kind.name: seen.append((_n, e.order_id))))
    return seen


def _create(client, headers, lines, **extra):
    return client.post("/mp/v1/orders", headers=headers, json={"lines": lines, **extra})


def test_prices_come_from_the_skus(client, make, shop):
    _, (a, b) = shop
    resp = _create(client, make.login("alice"),
                   [{"sku_id": a, "quantity": 2}, {"sku_id": b, "quantity": 1},
                    {"sku_id": a, "quantity": 1}])
    assert resp.status_code == 201
    body = resp.json
    assert (body["status"], body["goods_fen"], body["total_fen"]) == ("pending_payment", 33200,
                                                                      33200)
    assert [(x["sku_id"], x["quantity"], x["unit_price_fen"], x["amount_fen"])
            for x in body["lines"]] == [(a, 3, 6800, 20400), (b, 1, 12800, 12800)]
    assert body["pay_deadline"] == (T0 + timedelta(minutes=15)).isoformat()
    assert stock_of(a) == 7 and stock_of(b) == 4


def test_client_sent_price_is_refused_and_nothing_written(client, make, shop):
    _, (a, _) = shop
    resp = _create(client, make.login("alice"),
                   [{"sku_id": a, "quantity": 1, "unit_price_fen": 1}], total_fen=1)
    assert resp.status_code == 422
    assert resp.json["error"]["code"] == "validation_error"
    assert resp.json["error"]["details"]["fields"] == {
        "lines": {"0": {"unit_price_fen": ["Unknown field."]}}, "total_fen": ["Unknown field."]}
    assert count(Order) == 0 and stock_of(a) == 10


def test_failing_second_line_leaves_first_line_stock_untouched(client, make, shop):
    _, (a, b) = shop
    resp = _create(client, make.login("alice"),
                   [{"sku_id": a, "quantity": 2}, {"sku_id": b, "quantity": 6}])
    assert resp.status_code == 409
    assert resp.json["error"] == {"code": "out_of_stock", "message": "Not enough stock.",
                                  "details": {"sku_id": b, "quantity": 6}}
    assert stock_of(a) == 10 and stock_of(b) == 5
    assert count(Order) == 0 and count(OrderLine) == 0


def test_one_order_holds_one_merchants_goods(client, make, shop):
    _, (a, _) = shop
    other = make.merchant("owner2", "Other shop")
    (c,) = make.product(other)
    resp = _create(client, make.login("alice"), [{"sku_id": a, "quantity": 1},
                                                 {"sku_id": c, "quantity": 1}])
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "mixed_merchants")
    assert stock_of(a) == 10


def test_off_sale_and_unknown_skus_are_refused(client, make, shop):
    merchant, _ = shop
    (off,) = make.product(merchant, status="off_sale")
    headers = make.login("alice")
    resp = _create(client, headers, [{"sku_id": off, "quantity": 1}])
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "not_on_sale")
    resp = _create(client, headers, [{"sku_id": 424242, "quantity": 1}])
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "sku_not_found")
    assert resp.json["error"]["details"] == {"sku_ids": [424242]}


def test_another_buyers_order_is_not_found(client, make, shop):
    _, (a, _) = shop
    order_id = _create(client, make.login("alice"), [{"sku_id": a, "quantity": 1}]).json["id"]
    bob = make.login("bob")
    for method, path in (("get", f"/mp/v1/orders/{order_id}"),
                         ("post", f"/mp/v1/orders/{order_id}/cancel"),
                         ("post", f"/mp/v1/orders/{order_id}/receive")):
        resp = getattr(client, method)(path, headers=bob)
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")
    assert client.get("/mp/v1/orders", headers=bob).json["meta"]["total"] == 0
    with transaction() as s:
        assert s.get(Order, order_id).status == "pending_payment"
    assert stock_of(a) == 9


def test_full_lifecycle_with_timers(client, make, shop, heard):
    merchant, (a, _) = shop
    alice = make.login("alice")
    order_id = _create(client, alice, [{"sku_id": a, "quantity": 1}],
                       address_id=make.address("alice")).json["id"]
    with transaction() as s:
        assert service.mark_paid(s, order_id=order_id, now=clock.now()) is True
        assert service.mark_paid(s, order_id=order_id, now=clock.now()) is False
    owner = make.login("owner")
    resp = client.post(f"/api/v1/merchants/{merchant}/orders/{order_id}/ship", headers=owner,
                       json={"carrier": "SF", "tracking_no": "SF1234567890123"})
    assert (resp.status_code, resp.json["status"], resp.json["tracking_no"]) == (
        200, "shipped", "SF1234567890123")
    clock.advance(timedelta(days=9, hours=23))
    assert jobs.auto_receive(order_id) is False
    clock.advance(timedelta(hours=1))
    assert jobs.sweep() == {"expired": 0, "received": 1, "completed": 0}
    clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert jobs.complete(order_id) is False
    clock.advance(timedelta(seconds=1))
    assert jobs.complete(order_id) is True
    assert jobs.complete(order_id) is False
    body = client.get(f"/mp/v1/orders/{order_id}", headers=alice).json
    assert body["status"] == "completed"
    assert body["completed_at"] == (T0 + timedelta(days=17)).isoformat()
    drain_events()
    assert heard == [("order_paid", order_id), ("order_completed", order_id)]


def test_buyer_receives_then_after_sale_window_completes(client, make, shop):
    merchant, (a, _) = shop
    alice = make.login("alice")
    order_id = _create(client, alice, [{"sku_id": a, "quantity": 1}],
                       address_id=make.address("alice")).json["id"]
    resp = client.post(f"/mp/v1/orders/{order_id}/receive", headers=alice)
    assert resp.status_code == 409
    assert resp.json["error"]["details"] == {"status": "pending_payment", "target": "received"}
    with transaction() as s:
        service.mark_paid(s, order_id=order_id, now=clock.now())
    client.post(f"/api/v1/merchants/{merchant}/orders/{order_id}/ship",
                headers=make.login("owner"),
                json={"carrier": "SF", "tracking_no": "SF1234567890123"})
    assert client.post(f"/mp/v1/orders/{order_id}/receive", headers=alice).json["status"] == \
        "received"
    resp = client.post(f"/mp/v1/orders/{order_id}/cancel", headers=alice)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "illegal_transition")
    clock.advance(timedelta(days=7))
    assert jobs.sweep() == {"expired": 0, "received": 0, "completed": 1}


def test_staff_of_another_merchant_cannot_ship(client, make, shop):
    merchant, (a, _) = shop
    order_id = _create(client, make.login("alice"), [{"sku_id": a, "quantity": 1}]).json["id"]
    with transaction() as s:
        service.mark_paid(s, order_id=order_id, now=clock.now())
    other = make.merchant("owner2", "Other")
    owner2 = make.login("owner2")
    resp = client.post(f"/api/v1/merchants/{merchant}/orders/{order_id}/ship", headers=owner2,
                       json={"carrier": "SF", "tracking_no": "SF1234567890123"})
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    resp = client.post(f"/api/v1/merchants/{other}/orders/{order_id}/ship", headers=owner2,
                       json={"carrier": "SF", "tracking_no": "SF1234567890123"})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")
    with transaction() as s:
        assert s.get(Order, order_id).status == "to_ship"


def test_sources_are_resolved_by_their_owner_never_named_by_the_client(client, make, shop):
    _, (a, _) = shop
    host = make.user("host")

    def room_resolver(_session, room_id, _buyer_id):
        if room_id != 7:
            raise NotFound("No such room.", code="room_not_found")
        return host

    headers = make.login("alice")
    sources.unregister("room")  # as if no feature owned rooms (the registry is restored)
    resp = _create(client, headers, [{"sku_id": a, "quantity": 1}], source={"room": 7})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "unknown_source")
    sources.register("room", room_resolver)
    resp = _create(client, headers, [{"sku_id": a, "quantity": 1}], source={"room": 8})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "room_not_found")
    resp = _create(client, headers, [{"sku_id": a, "quantity": 1}],
                   source={"room": 7, "host": 1})
    assert resp.status_code == 422
    resp = _create(client, headers, [{"sku_id": a, "quantity": 1}], source={"room": 7})
    assert resp.status_code == 201
    assert (resp.json["room_id"], resp.json["host_id"], resp.json["sharer_id"]) == (7, host, None)
    assert stock_of(a) == 9


def test_flashsale_orders_get_a_five_minute_window(make, shop):
    _, (a, _) = shop
    buyer = make.user("alice")
    with transaction() as s:
        order = service.create_order(s, buyer_id=buyer, lines=[(a, 1)], now=clock.now(),
                                     kind="flashsale")
        assert order.pay_deadline == T0 + timedelta(minutes=5)


def test_staff_order_list_is_scoped_to_the_merchant(client, make, shop):
    merchant, (a, _) = shop
    _create(client, make.login("alice"), [{"sku_id": a, "quantity": 1}])
    other = make.merchant("owner2", "Other")
    (c,) = make.product(other)
    _create(client, make.login("bob"), [{"sku_id": c, "quantity": 1}])
    resp = client.get(f"/api/v1/merchants/{merchant}/orders", headers=make.login("owner"))
    assert resp.json["meta"] == {"page": 1, "per_page": 20, "total": 1}
    assert resp.json["items"][0]["lines"][0]["sku_id"] == a
    resp = client.get(f"/api/v1/merchants/{merchant}/orders?status=cancelled",
                      headers=make.login("owner"))
    assert resp.json["meta"]["total"] == 0
    resp = client.get(f"/api/v1/merchants/{merchant}/orders", headers=make.login("owner2"))
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
