"""Tracking through the sandbox provider: a package is subscribed when it
ships; pushes are verified (a bad signature writes nothing), stored once
per (package, time, text) however often they come, shown newest first to
the buyer and the staff; "signed for" receives the order exactly once, and
only when every package of a wholly shipped order is signed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.db import transaction
from app.orders import jobs
from app.orders.models import Order
from app.shipping.models import Package
from app.tracking import flows
from app.tracking.models import TrackingEvent
from tests.conftest import T0, count, drain_events
from tests.shipping.conftest import order_row
from tests.tracking.conftest import post_push

ACK = {"result": True, "returnCode": "200", "message": "成功"}
N1, N2 = "SF1000000000001", "SF1000000000002"


def received_at(order_id: int):
    with transaction() as s:
        order = s.get(Order, order_id)
        return order.status, order.received_at


def test_a_shipped_package_is_subscribed(shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    assert not tracker.subscribed("SF", N1)
    drain_events()
    assert tracker.subscribed("SF", N1)


def test_a_push_replayed_20_times_stores_each_event_once(client, shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    headers, body = tracker.advance("SF", N1, clock.now(), to="in_transit")
    for _ in range(20):
        resp = post_push(client, headers, body)
        assert (resp.status_code, resp.json) == (200, ACK)
    assert count(TrackingEvent) == 2
    clock.advance(timedelta(hours=3))
    headers, body = tracker.advance("SF", N1, clock.now())  # the whole waybill again, +1
    for _ in range(20):
        post_push(client, headers, body)
    assert count(TrackingEvent) == 3
    package = shop.packages(b.order_id).json["packages"][0]
    assert (package["carrier_name"], package["carrier_name_en"], package["state"]) == (
        "顺丰速运", "SF Express", "out_for_delivery")
    assert [(e["state"], e["at"]) for e in package["events"]] == [
        ("out_for_delivery", (T0 + timedelta(hours=3)).isoformat()),
        ("in_transit", T0.isoformat()), ("collected", T0.isoformat())]
    assert package["events"][0] == {
        "at": (T0 + timedelta(hours=3)).isoformat(), "state": "out_for_delivery",
        "context": "快件正在派送中，派送员：王师傅，电话 138****0000", "location": "上海市浦东新区"}


def test_a_bad_signature_is_refused_and_nothing_written(client, shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    headers, body = tracker.advance("SF", N1, clock.now(), to="signed")
    forged = body.replace(b'"signed"', b'"in_transit"', 1)
    for bad_headers, bad_body in ((headers, forged),
                                  ({**headers, "X-Tracking-Signature": "sha256=00"}, body),
                                  ({"Content-Type": "application/json"}, body)):
        resp = post_push(client, bad_headers, bad_body)
        assert (resp.status_code, resp.json["error"]["code"]) == (401, "push_bad_signature")
    assert count(TrackingEvent) == 0
    assert order_row(b.order_id)[0] == "shipped"
    assert shop.packages(b.order_id).json["packages"][0]["state"] == ""


def test_a_signed_malformed_push_is_refused(client, shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    for body in (b"[]", b"{", b'{"carrier": "SF", "tracking_no": "x", "state": "", '
                               b'"events": [{"time": "yesterday", "state": "", "context": ""}]}'):
        resp = post_push(client, {"X-Tracking-Signature": tracker.sign(body)}, body)
        assert (resp.status_code, resp.json["error"]["code"]) == (400, "malformed_push")
    headers, body = tracker.advance("SF", "SF9999999999999", clock.now())
    resp = post_push(client, headers, body)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "package_not_found")
    assert count(TrackingEvent) == 0


def test_signed_for_receives_the_order_exactly_once(client, shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    clock.advance(timedelta(days=2))
    headers, body = tracker.advance("SF", N1, clock.now(), to="signed")
    assert post_push(client, headers, body).json == ACK
    assert received_at(b.order_id) == ("received", T0 + timedelta(days=2))
    clock.advance(timedelta(hours=1))
    for _ in range(19):
        assert post_push(client, headers, body).status_code == 200
    assert received_at(b.order_id) == ("received", T0 + timedelta(days=2))
    assert count(TrackingEvent) == 4
    # the buyer's receipt path: the after-sale window runs from the signature
    clock.advance(timedelta(days=7) - timedelta(hours=1))
    assert jobs.sweep() == {"expired": 0, "received": 0, "completed": 1}


def test_signed_for_waits_for_every_package_and_the_last_unit(client, shop, buy, tracker):
    b = buy(2, 1)
    a, c = b.lines
    shop.ship(b.order_id, N1, lines=[(a, 2)])
    post_push(client, *tracker.advance("SF", N1, clock.now(), to="signed"))
    assert order_row(b.order_id)[0] == "partially_shipped"  # a unit is still to ship
    shop.ship(b.order_id, N2, lines=[(c, 1)])
    post_push(client, *tracker.advance("SF", N2, clock.now(), to="out_for_delivery"))
    assert order_row(b.order_id)[0] == "shipped"
    clock.advance(timedelta(hours=5))
    post_push(client, *tracker.advance("SF", N2, clock.now()))
    assert received_at(b.order_id) == ("received", T0 + timedelta(hours=5))
    packages = client.get(f"/mp/v1/orders/{b.order_id}/packages", headers=b.headers).json
    assert [(p["tracking_no"], p["state"], p["signed_at"]) for p in packages["packages"]] == [
        (N1, "signed", T0.isoformat()), (N2, "signed", (T0 + timedelta(hours=5)).isoformat())]


def test_the_last_units_refunded_after_every_package_was_signed(client, shop, buy, tracker):
    b = buy(1, 1)
    a, c = b.lines
    shop.ship(b.order_id, N1, lines=[(a, 1)])
    post_push(client, *tracker.advance("SF", N1, clock.now(), to="signed"))
    shop.refund(b.order_id, "r1", c, 1)
    assert received_at(b.order_id) == ("received", T0)


def test_concurrent_signed_pushes_receive_once(app, shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    headers, body = tracker.advance("SF", N1, clock.now(), to="signed")

    def push(_):
        with app.app_context():
            return flows.accept_push(tracker, headers, body, clock.now())

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(push, range(16)))
    assert sum(o.received for o in outcomes) == 1
    assert sum(o.stored for o in outcomes) == 4
    assert count(TrackingEvent) == 4
    assert received_at(b.order_id) == ("received", T0)


def test_concurrent_signed_pushes_over_http(app, shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    headers, body = tracker.advance("SF", N1, clock.now(), to="signed")
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: post_push(app.test_client(), headers, body),
                                range(16)))
    assert {(r.status_code, r.json["result"]) for r in answers} == {(200, True)}
    assert count(TrackingEvent) == 4
    assert received_at(b.order_id) == ("received", T0)


def test_packages_are_the_buyers_and_the_merchants_only(client, make, shop, buy):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    resp = client.get(f"/mp/v1/orders/{b.order_id}/packages", headers=make.login("bob"))
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")
    other = make.merchant("owner2", "Other")
    resp = client.get(f"/api/v1/merchants/{other}/orders/{b.order_id}/packages",
                      headers=make.login("owner2"))
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")
    resp = client.get(f"/mp/v1/orders/{b.order_id}/packages", headers=b.headers)
    assert resp.status_code == 200
    assert (resp.json["order_id"], resp.json["status"], len(resp.json["packages"]),
            resp.json["packages"][0]["lines"][0]["quantity"]) == (b.order_id, "shipped", 1, 1)


def test_a_push_to_the_provider_not_configured_is_refused(client, shop, buy, tracker):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    resp = client.post("/tracking/notify/kuaidi100", data={"param": "{}", "sign": "x"})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "tracking_provider_disabled")
    assert count(Package) == 1 and count(TrackingEvent) == 0


def test_the_sandbox_command_moves_a_waybill_on(app, shop, buy):
    b = buy(1, 0)
    shop.ship(b.order_id, N1)
    with transaction() as s:
        package_id = s.scalar(select(Package.id))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["tracking-advance", str(package_id)])
    assert (result.exit_code, result.output) == (0, f"package {package_id}: 1 new event(s)\n")
    result = runner.invoke(args=["tracking-advance", str(package_id), "--to", "signed"])
    assert result.output == f"package {package_id}: 3 new event(s), order received\n"
    assert received_at(b.order_id) == ("received", T0)
    result = runner.invoke(args=["tracking-advance", "424242"])
    assert (result.exit_code, result.output) == (1, "Error: No package 424242.\n")
