"""Order creation is idempotent by the client's request_id: the same key
from the same buyer answers the order it made (201 the first time, 200 with
the same body after), stock taken once; the key asking for anything else is
refused (409 request_id_reused) with nothing written. Ten threads posting
one order with one key to a real HTTP server make one order."""

from __future__ import annotations

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from app import clock
from app.catalog.models import Sku
from app.coupons.models import UserCoupon
from app.db import transaction
from app.orders import idempotency, rules, service
from app.orders.errors import RequestIdReused
from app.orders.models import Order
from members import members
from members.errors import InsufficientPoints
from members.points import ledger as points_ledger
from tests.conftest import count, stock_of
from tests.loopback import serving_thread

KEY = "checkout-7f3a9c"


@contextmanager
def served(app):
    """The app on a real threaded HTTP server (a port of its own)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = serving_thread(server)
    thread.start()
    try:
        yield server.port
    finally:
        server.shutdown()
        thread.join()


def race(port: int, n: int, path: str, body: dict, headers: dict) -> list[tuple[int, dict]]:
    """`n` threads post the same body at once, each on its own connection."""
    barrier = threading.Barrier(n)
    raw = json.dumps(body)

    def post(_):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        conn.request("POST", path, body=raw,
                      headers={**headers, "Content-Type": "application/json"})
        resp = conn.getresponse()
        answer = resp.status, json.loads(resp.read())
        conn.close()
        return answer

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(post, range(n)))


@pytest.fixture
def tea(make):
    """A SKU of 1000 fen with 3 in stock: one order of 2 fits, two do not."""
    (sku,) = make.product(make.merchant("owner"), skus=[(1000, 3)])
    return sku


@pytest.mark.parametrize("stock", [pytest.param(100, id="stock_for_many"),
                                   pytest.param(3, id="stock_for_one")])
def test_ten_threads_one_request_id_one_order(app, make, stock):
    (sku,) = make.product(make.merchant("owner"), skus=[(1000, stock)])
    body = {"lines": [{"sku_id": sku, "quantity": 2}], "request_id": KEY}
    with served(app) as port:
        answers = race(port, 10, "/mp/v1/orders", body, make.login("alice"))
    assert sorted(status for status, _ in answers) == [200] * 9 + [201]
    bodies = [answer for _, answer in answers]
    assert all(answer == bodies[0] for answer in bodies)  # the same order, the same body
    assert (bodies[0]["request_id"], bodies[0]["total_fen"]) == (KEY, 2000)
    assert (count(Order), stock_of(sku)) == (1, stock - 2)


def test_ten_threads_ordering_the_cart_with_one_request_id(app, make, tea, client):
    alice = make.login("alice")
    assert client.post("/mp/v1/cart/lines", headers=alice,
                       json={"sku_id": tea, "quantity": 2}).status_code == 201
    with served(app) as port:
        answers = race(port, 10, "/mp/v1/orders", {"cart": True, "request_id": KEY}, alice)
    assert sorted(status for status, _ in answers) == [200] * 9 + [201]
    assert len({answer["id"] for _, answer in answers}) == 1
    assert (count(Order), stock_of(tea)) == (1, 1)
    assert client.get("/mp/v1/cart", headers=alice).json["merchants"] == []


def test_the_same_request_again_is_the_same_order(client, make, tea):
    alice = make.login("alice")
    first = client.post("/mp/v1/orders", headers=alice, json={
        "lines": [{"sku_id": tea, "quantity": 2}], "request_id": KEY})
    assert first.status_code == 201
    # the same lines, split and reordered, ask the same
    again = client.post("/mp/v1/orders", headers=alice, json={
        "request_id": KEY, "lines": [{"sku_id": tea, "quantity": 1},
                                     {"sku_id": tea, "quantity": 1}]})
    assert (again.status_code, again.json) == (200, first.json)
    assert (count(Order), stock_of(tea)) == (1, 1)


def test_a_replay_after_the_order_was_cancelled_answers_it_cancelled(client, make, tea):
    alice = make.login("alice")
    body = {"lines": [{"sku_id": tea, "quantity": 2}], "request_id": KEY}
    order_id = client.post("/mp/v1/orders", headers=alice, json=body).json["id"]
    assert client.post(f"/mp/v1/orders/{order_id}/cancel", headers=alice).status_code == 200
    again = client.post("/mp/v1/orders", headers=alice, json=body)
    assert (again.status_code, again.json["id"], again.json["status"]) == \
        (200, order_id, "cancelled")
    assert (count(Order), stock_of(tea)) == (1, 3)  # nothing taken again


@pytest.mark.parametrize("other", [
    pytest.param({"lines": [{"sku_id": "TEA", "quantity": 1}]}, id="fewer_units"),
    pytest.param({"lines": [{"sku_id": "TEA", "quantity": 2}], "remark": "ring twice"},
                 id="another_remark"),
    pytest.param({"lines": [{"sku_id": "TEA", "quantity": 2}], "coupon_id": "HELD"},
                 id="a_coupon_now"),
    pytest.param({"cart": True}, id="the_cart_now"),
])
def test_the_key_reused_for_another_request_is_refused_with_nothing_written(
        client, make, tea, other):
    alice = make.login("alice")
    merchant = make.merchant("owner")
    staff = make.login("owner")
    coupon = client.post(f"/api/v1/merchants/{merchant}/coupons", headers=staff, json={
        "name": "1 off", "kind": "no_threshold", "amount_fen": 100, "total": 5,
        "valid_days": 7}).json["id"]
    client.post(f"/api/v1/merchants/{merchant}/coupons/{coupon}/activate", headers=staff)
    held = client.post(f"/mp/v1/coupons/{coupon}/claim", headers=alice).json["id"]
    client.post("/mp/v1/cart/lines", headers=alice, json={"sku_id": tea, "quantity": 1})
    first = client.post("/mp/v1/orders", headers=alice, json={
        "lines": [{"sku_id": tea, "quantity": 2}], "request_id": KEY})
    assert first.status_code == 201
    body = json.loads(json.dumps(other).replace('"TEA"', str(tea))
                      .replace('"HELD"', str(held)))
    resp = client.post("/mp/v1/orders", headers=alice, json={**body, "request_id": KEY})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "request_id_reused")
    assert resp.json["error"]["details"] == {"request_id": KEY}
    assert (count(Order), stock_of(tea)) == (1, 1)
    with transaction() as s:
        assert s.scalar(select(UserCoupon.status).where(UserCoupon.id == held)) == "unused"
    cart = client.get("/mp/v1/cart", headers=alice).json
    assert cart["line_count"] == 1  # the cart kept its line


def test_a_key_is_per_buyer(client, make, tea):
    body = {"lines": [{"sku_id": tea, "quantity": 1}], "request_id": KEY}
    a = client.post("/mp/v1/orders", headers=make.login("alice"), json=body)
    b = client.post("/mp/v1/orders", headers=make.login("bob"), json=body)
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.json["id"] != b.json["id"]
    assert (count(Order), stock_of(tea)) == (2, 1)


@pytest.mark.parametrize("key", ["short12", "x" * 65, "has space", "汉字汉字汉字汉字", "a.b/c:d+e",
                                 ""])
def test_a_malformed_key_is_refused(client, make, tea, key):
    resp = client.post("/mp/v1/orders", headers=make.login("alice"), json={
        "lines": [{"sku_id": tea, "quantity": 1}], "request_id": key})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
    assert "request_id" in resp.json["error"]["details"]["fields"]
    assert count(Order) == 0


def _first_order(client, make, tea) -> tuple[int, int]:
    resp = client.post("/mp/v1/orders", headers=make.login("alice"), json={
        "lines": [{"sku_id": tea, "quantity": 2}], "request_id": KEY})
    assert resp.status_code == 201
    return make.user("alice"), resp.json["id"]


def test_a_racer_that_lost_at_the_unique_index_answers_the_winners_order(client, make, tea):
    """PostgreSQL's path, on any database: a request that did not see the
    winner's order before it started makes its own in a savepoint, fails at
    the unique index (PostgreSQL holds its insert until the winner commits),
    rolls the savepoint back (nothing taken) and answers the winner's order."""
    buyer, winner = _first_order(client, make, tea)
    with transaction() as s:
        digest = s.get(Order, winner).request_digest

        def create(**key):
            return service.create_order(s, buyer_id=buyer, lines=[(tea, 1)], now=clock.now(),
                                        **key)

        order, created = idempotency.create_or_replay(s, buyer_id=buyer, request_id=KEY,
                                                      digest=digest, create=create)
        assert (order.id, created) == (winner, False)
    assert (count(Order), stock_of(tea)) == (1, 1)


def test_a_racer_refused_for_what_the_winner_spent_answers_the_winners_order(client, make,
                                                                               tea):
    """The other way to lose on PostgreSQL: the winner spent the buyer's points
    (the points step waits on the member's row lock, then finds the balance
    gone), so the loser's pricing refuses; its key names the winner's order,
    which is the answer."""
    with transaction() as s:
        merchant = s.get(Sku, tea).merchant_id
    buyer = make.user("alice")
    with transaction() as s:
        members.join(s, merchant_id=merchant, user_id=buyer, via="test", now=clock.now())
        points_ledger.add_points(s, key="gift", merchant_id=merchant, user_id=buyer,
                                 kind="gift", points=500, now=clock.now())
    first = client.post("/mp/v1/orders", headers=make.login("alice"), json={
        "lines": [{"sku_id": tea, "quantity": 1}], "points": 500, "request_id": KEY})
    assert first.status_code == 201, first.json
    with transaction() as s:
        digest = s.get(Order, first.json["id"]).request_digest

        def create(**key):
            return service.create_order(s, buyer_id=buyer, lines=[(tea, 1)], now=clock.now(),
                                        asks={"points": 500}, **key)

        with pytest.raises(InsufficientPoints):
            create(request_id=None, request_digest=None)  # what the loser meets
        order, created = idempotency.create_or_replay(s, buyer_id=buyer, request_id=KEY,
                                                      digest=digest, create=create)
        assert (order.id, created) == (first.json["id"], False)
    assert (count(Order), stock_of(tea)) == (1, 2)


def test_a_racer_asking_something_else_is_refused(client, make, tea):
    buyer, _ = _first_order(client, make, tea)
    with pytest.raises(RequestIdReused), transaction() as s:
        idempotency.create_or_replay(
            s, buyer_id=buyer, request_id=KEY, digest=rules.request_digest({"other": 1}),
            create=lambda **key: service.create_order(s, buyer_id=buyer, lines=[(tea, 1)],
                                                      now=clock.now(), **key))
    assert (count(Order), stock_of(tea)) == (1, 1)
