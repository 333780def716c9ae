"""Stock changes reach Socket.IO watchers after each commit."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.orders import jobs as order_jobs
from app.socketio import socketio
from tests.conftest import T0
from tests.flashsale.conftest import grab, grab_token

NS = "/flashsale"


def _stock_events(watcher) -> list[dict]:
    return [e["args"][0] for e in watcher.get_received(NS) if e["name"] == "stock"]


def test_watchers_see_remaining_stock_after_grabs_and_returns(app, client, make, sale):
    s = sale(quota=3)
    watcher = socketio.test_client(app, namespace=NS)
    ack = watcher.emit("watch", {"activity_id": s.id}, namespace=NS, callback=True)
    assert ack == {"ok": True, "activity_id": s.id, "remaining": 3, "sold": 0}
    alice = make.login("alice")
    order_id = grab(client, s, alice, grab_token(client, s, alice)).json["order_id"]
    assert _stock_events(watcher) == [{"activity_id": s.id, "remaining": 2, "sold": 1}]
    clock.freeze(T0 + timedelta(minutes=5))
    assert order_jobs.expire_unpaid(order_id)
    assert _stock_events(watcher) == [{"activity_id": s.id, "remaining": 3, "sold": 0}]
    client.post(s.staff_url + "/stop", headers=s.staff)
    assert _stock_events(watcher) == [{"activity_id": s.id, "remaining": 0, "sold": 0}]
    ack = watcher.emit("watch", {"activity_id": s.id}, namespace=NS, callback=True)
    assert ack == {"ok": True, "activity_id": s.id, "remaining": 0, "sold": 0}
    watcher.disconnect(namespace=NS)


def test_one_connection_watches_at_most_20_sales(app, sale):
    from flashsale.events import MAX_WATCH

    s = sale(quota=3)
    watcher = socketio.test_client(app, namespace=NS)
    for _ in range(MAX_WATCH):  # watching the same sale again is no new room
        assert watcher.emit("watch", {"activity_id": s.id}, namespace=NS, callback=True)["ok"]
    sales = [sale(quota=1) for _ in range(MAX_WATCH)]
    answers = [watcher.emit("watch", {"activity_id": x.id}, namespace=NS, callback=True)
               for x in sales]
    assert [a.get("ok") for a in answers[:MAX_WATCH - 1]] == [True] * (MAX_WATCH - 1)
    assert answers[-1]["error"]["code"] == "too_many_watches"


def test_watch_with_a_bad_payload_is_answered_with_an_error(app, sale):
    s = sale(publish=False)
    watcher = socketio.test_client(app, namespace=NS)
    for payload, code in [(None, "validation_error"), ({"activity_id": "1"}, "validation_error"),
                          ({"activity_id": True}, "validation_error"),
                          ({"activity_id": 2**63}, "validation_error"),
                          ({"activity_id": s.id}, "flashsale_not_found"),
                          ({"activity_id": 999999}, "flashsale_not_found")]:
        ack = watcher.emit("watch", payload, namespace=NS, callback=True)
        assert ack["error"]["code"] == code, payload
    assert watcher.is_connected(NS)
