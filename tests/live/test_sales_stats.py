"""In-room flash sales (flash-sale engine), orders attributed to the room
and its host, and the live statistics kept when the room ends."""

from __future__ import annotations

import time

from rq.registry import ScheduledJobRegistry

from app import clock
from app.db import transaction
from app.orders import service as orders
from app.orders.models import Order
from app.socketio import socketio
from flashsale import flows
from tests.live.conftest import NS, ack, code, connect, events


def _grab(client, make, name, activity_id, room_id):
    headers = make.login(name)
    token = client.post(f"/mp/v1/flashsales/{activity_id}/token", headers=headers).json["token"]
    return client.post(f"/mp/v1/flashsales/{activity_id}/grab", headers=headers,
                       json={"token": token, "source": {"room": room_id}})


def test_host_starts_a_sale_viewers_see_it_grab_from_the_room_and_stock_is_pushed(
        app, client, room, make):
    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    started = ack(host, "sale_start", {"room_id": r.id, "sku_id": r.sku_ids[0],
                                       "price_fen": 600, "quota": 3, "minutes": 10})
    sale = started["sale"]
    assert (sale["price_fen"], sale["quota"], sale["remaining"]) == (600, 3, 3)
    assert events(alice, "sale")[0]["sale"] == sale
    queue = app.extensions["mall.queues"].get("promotions")
    assert ScheduledJobRegistry(queue=queue).get_job_ids() == \
        [f"fs-settle-{sale['activity_id']}"]
    watcher = socketio.test_client(app, namespace="/flashsale")
    watcher.emit("watch", {"activity_id": sale["activity_id"]}, namespace="/flashsale",
                 callback=True)

    resp = _grab(client, make, "alice", sale["activity_id"], r.id)
    assert resp.status_code == 201, resp.json
    with transaction() as s:
        order = s.get(Order, resp.json["order_id"])
        assert (order.room_id, order.host_id) == (r.id, r.host_id)
    stock = [e["args"][0]["remaining"] for e in watcher.get_received("/flashsale")
             if e["name"] == "stock"]
    assert stock == [2]
    snap = ack(connect(app), "join", {"room_id": r.id})
    assert [(s["activity_id"], s["remaining"]) for s in snap["sales"]] == \
        [(sale["activity_id"], 2)]

    assert ack(host, "sale_stop", {"room_id": r.id, "activity_id": sale["activity_id"]})["ok"]
    assert events(alice, "sale_ended") == [{"room_id": r.id,
                                            "activity_id": sale["activity_id"]}]
    assert ack(connect(app), "join", {"room_id": r.id})["sales"] == []
    stock = [(e["args"][0]["remaining"], e["args"][0]["sold"])
             for e in watcher.get_received("/flashsale") if e["name"] == "stock"]
    assert stock == [(0, 1)]  # closed in Redis: watchers told none left, one sold
    assert flows.runtime().engine.read(sale["activity_id"]).status == "stopped"


def test_sales_need_a_live_room_and_a_shelf_sku(app, client, room, make):
    r = room()
    other_merchant_sku = make.product(make.merchant("someone"), skus=((1000, 5),))[0]
    host = connect(app, r.host_id)
    assert code(ack(host, "sale_start", {"room_id": r.id, "sku_id": other_merchant_sku,
                                         "price_fen": 500, "quota": 1, "minutes": 5})) == \
        "not_on_shelf"
    assert code(ack(host, "sale_stop", {"room_id": r.id, "activity_id": 12345})) == \
        "sale_not_in_room"
    ack(host, "set_state", {"room_id": r.id, "state": "paused"})
    assert code(ack(host, "sale_start", {"room_id": r.id, "sku_id": r.sku_ids[0],
                                         "price_fen": 500, "quota": 1, "minutes": 5})) == \
        "room_not_live"


def test_orders_from_an_unknown_room_are_refused(client, room, make):
    r = room()
    resp = client.post("/mp/v1/orders", headers=make.login("alice"),
                       json={"lines": [{"sku_id": r.sku_ids[0], "quantity": 1}],
                             "source": {"room": 999999}})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "room_not_found")


def test_stats_are_pushed_to_the_host_and_kept_when_the_room_ends(app, client, room, make):
    r = room()
    host = connect(app, r.host_id)
    ack(host, "join", {"room_id": r.id})
    viewers = [connect(app, make.user(n)) for n in ("ann", "ben", "cat", "dan")]
    for v in viewers:
        ack(v, "join", {"room_id": r.id})
    ack(viewers[0], "chat", {"room_id": r.id, "text": "hi"})
    ack(viewers[1], "like", {"room_id": r.id, "count": 7})
    viewers[3].disconnect(namespace=NS)
    for name, quantity in (("ann", 1), ("ben", 2)):
        resp = client.post("/mp/v1/orders", headers=make.login(name),
                           json={"lines": [{"sku_id": r.sku_ids[0], "quantity": quantity}],
                                 "source": {"room": r.id}})
        assert resp.status_code == 201, resp.json
        with transaction() as s:
            orders.mark_paid(s, order_id=resp.json["id"], now=clock.now())
    time.sleep(0.8)
    pushed = events(host, "stats")[-1]
    want = {"room_id": r.id, "state": "live", "online": 4, "peak_online": 5,
            "unique_viewers": 5, "likes": 7, "messages": 1, "orders": 2, "buyers": 2,
            "gmv_fen": 3000, "conversion_bps": 4000}
    assert pushed == want
    assert ack(host, "set_state", {"room_id": r.id, "state": "ended"})["state"] == "ended"
    kept = client.get(r.staff_url, headers=r.host).json["stats"]
    assert kept == {**want, "state": "ended", "online": 0}
    # an order from the room paid after the show ended still counts
    resp = client.post("/mp/v1/orders", headers=make.login("cat"),
                       json={"lines": [{"sku_id": r.sku_ids[0], "quantity": 1}],
                             "source": {"room": r.id}})
    assert resp.status_code == 201, resp.json
    with transaction() as s:
        orders.mark_paid(s, order_id=resp.json["id"], now=clock.now())
    late = client.get(r.staff_url, headers=r.host).json["stats"]
    assert late == {**kept, "orders": 3, "buyers": 3, "gmv_fen": 4000, "conversion_bps": 6000}
