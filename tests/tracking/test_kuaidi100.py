"""The Kuaidi100 adapter against a local HTTP server standing in for its poll
API: the subscribe request is exactly the documented form; its push
callback (param + sign = MD5(param + salt)) is verified, stored once per
event however often it comes, and "signed for" (state 3) receives the order."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from sqlalchemy import select

from app import clock
from app.clock import CHINA
from app.db import transaction
from app.orders.models import Order
from app.outbox.models import OutboxEvent
from app.tracking import rules
from app.tracking.kuaidi100 import Kuaidi100
from app.tracking.models import TrackingEvent
from app.tracking.setup import build
from tests.conftest import T0, count, drain_events
from tests.loopback import serving_thread
from tests.shipping.conftest import order_row
from tests.tracking.conftest import KUAIDI100_NOTIFY

ACK = {"result": True, "returnCode": "200", "message": "成功"}
NUMBER = "SF1000000000001"


class StandIn:
    """Kuaidi100's poll endpoint on 127.0.0.1: keeps each request, answers `answer`."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answer = {"result": True, "returnCode": "200", "message": "提交成功"}
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                stand_in.requests.append({"path": self.path, "body": body,
                                          "content_type": self.headers["Content-Type"]})
                out = json.dumps(stand_in.answer, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/poll"
        self.thread = serving_thread(self.server)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in():
    server = StandIn()
    yield server
    server.stop()


@pytest.fixture
def kuaidi100(app, stand_in) -> Kuaidi100:
    """The app configured for Kuaidi100, as TRACKING_PROVIDER=kuaidi100 would."""
    settings = dataclasses.replace(app.extensions["mall.settings"],
                                   tracking_provider="kuaidi100", kuaidi100_key="KEY",
                                   kuaidi100_salt="SALT", kuaidi100_customer="CUSTOMER",
                                   kuaidi100_poll_url=stand_in.url)
    app.extensions["mall.tracking"] = build(settings, app.extensions["mall.redis"])
    yield app.extensions["mall.tracking"]
    app.extensions.pop("mall.tracking")


def china(delta: timedelta) -> str:
    return (T0 + delta).astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")


def push_form(state: str, data: list[dict], salt: str = "SALT", com: str = "shunfeng",
              number: str = NUMBER) -> dict:
    param = json.dumps({
        "status": "shutdown" if state == "3" else "polling", "billstatus": "", "message": "",
        "autoCheck": "0", "comOld": "", "comNew": "",
        "lastResult": {"message": "ok", "nu": number, "ischeck": "1" if state == "3" else "0",
                       "condition": "F00", "com": com, "status": "200", "state": state,
                       "data": data}}, ensure_ascii=False)
    return {"param": param, "sign": rules.kuaidi100_sign(param, salt)}


DATA = [
    {"time": china(timedelta(hours=20)), "ftime": china(timedelta(hours=20)),
     "context": "快件已签收，签收人：本人", "status": "签收", "areaName": "上海市浦东新区"},
    {"time": china(timedelta(hours=8)), "ftime": china(timedelta(hours=8)),
     "context": "快件已到达【上海转运中心】", "status": "在途", "areaName": "上海市"},
    {"time": china(timedelta(hours=1)), "ftime": china(timedelta(hours=1)),
     "context": "顺丰速运 已收取快件", "status": "揽收"},
]


def test_subscribe_sends_the_documented_body(shop, buy, kuaidi100, stand_in):
    b = buy(1, 0)
    shop.ship(b.order_id, NUMBER)
    drain_events()
    (request,) = stand_in.requests
    assert (request["path"], request["content_type"]) == (
        "/poll", "application/x-www-form-urlencoded")
    form = parse_qs(request["body"].decode())
    assert set(form) == {"schema", "param"} and form["schema"] == ["json"]
    assert form["param"] == [
        '{"company":"shunfeng","number":"SF1000000000001","key":"KEY","parameters":'
        '{"callbackurl":"http://127.0.0.1:5000/tracking/notify/kuaidi100","salt":"SALT",'
        '"resultv2":"1","phone":"13812341234"}}']  # the recipient's: SF needs it


def test_a_refused_subscription_is_tried_again(shop, buy, kuaidi100, stand_in):
    stand_in.answer = {"result": False, "returnCode": "600", "message": "您不是合法的订阅者"}
    b = buy(1, 0)
    shop.ship(b.order_id, NUMBER)
    drain_events()
    with transaction() as s:
        event = s.scalar(select(OutboxEvent).where(OutboxEvent.name == "package_shipped"))
        assert (event.attempts, event.done_at) == (1, None)
        assert event.last_error == ("tracking.subscribe: ProviderError('Kuaidi100 refused the "
                                    "subscription: 600 您不是合法的订阅者')")
    stand_in.answer = {"result": False, "returnCode": "501", "message": "重复订阅"}
    drain_events()
    with transaction() as s:
        assert s.scalar(select(OutboxEvent.done_at).where(
            OutboxEvent.name == "package_shipped")) == clock.now()
    assert len(stand_in.requests) == 2


def test_a_push_replayed_20_times_stores_each_event_once(client, shop, buy, kuaidi100):
    b = buy(1, 0)
    shop.ship(b.order_id, NUMBER)
    form = push_form("0", DATA[1:])
    for _ in range(20):
        resp = client.post(KUAIDI100_NOTIFY, data=form)
        assert (resp.status_code, resp.json) == (200, ACK)
    assert count(TrackingEvent) == 2
    events = shop.packages(b.order_id).json["packages"][0]["events"]
    assert events == [
        {"at": (T0 + timedelta(hours=8)).isoformat(), "state": "in_transit",
         "context": "快件已到达【上海转运中心】", "location": "上海市"},
        {"at": (T0 + timedelta(hours=1)).isoformat(), "state": "collected",
         "context": "顺丰速运 已收取快件", "location": ""}]
    assert order_row(b.order_id)[0] == "shipped"


def test_a_bad_signature_is_refused_and_nothing_written(client, shop, buy, kuaidi100):
    b = buy(1, 0)
    shop.ship(b.order_id, NUMBER)
    form = push_form("3", DATA, salt="NOT-OURS")
    resp = client.post(KUAIDI100_NOTIFY, data=form)
    assert (resp.status_code, resp.json["error"]["code"]) == (401, "push_bad_signature")
    good = push_form("3", DATA)
    resp = client.post(KUAIDI100_NOTIFY, data={"param": good["param"].replace("签收", "在途"),
                                               "sign": good["sign"]})
    assert resp.status_code == 401
    for bad in ({"param": good["param"]}, {"sign": good["sign"]}, {}):
        resp = client.post(KUAIDI100_NOTIFY, data=bad)
        assert (resp.status_code, resp.json["error"]["code"]) == (400, "malformed_push")
    assert count(TrackingEvent) == 0
    assert order_row(b.order_id)[0] == "shipped"


def test_a_signed_push_that_is_not_kuaidi100s_format_is_refused(client, shop, buy, kuaidi100):
    b = buy(1, 0)
    shop.ship(b.order_id, NUMBER)
    for param in ("not json", "[]", '{"lastResult": {}}',
                  push_form("0", [{"time": "today", "context": ""}])["param"]):
        resp = client.post(KUAIDI100_NOTIFY,
                           data={"param": param, "sign": rules.kuaidi100_sign(param, "SALT")})
        assert (resp.status_code, resp.json["error"]["code"]) == (400, "malformed_push")
    assert count(TrackingEvent) == 0


def test_state_3_receives_the_order_once(client, shop, buy, kuaidi100):
    b = buy(1, 0)
    shop.ship(b.order_id, NUMBER)
    clock.advance(timedelta(days=1))
    form = push_form("3", DATA)
    for _ in range(20):
        assert client.post(KUAIDI100_NOTIFY, data=form).json == ACK
    with transaction() as s:
        order = s.get(Order, b.order_id)
        assert (order.status, order.received_at) == ("received", T0 + timedelta(days=1))
    package = shop.packages(b.order_id).json["packages"][0]
    assert (package["state"], package["signed_at"]) == (
        "signed", (T0 + timedelta(hours=20)).isoformat())
    assert count(TrackingEvent) == 3


def test_a_carrier_kuaidi100_corrected_still_finds_the_package(client, shop, buy, kuaidi100):
    b = buy(1, 0)
    shop.ship(b.order_id, NUMBER)
    resp = client.post(KUAIDI100_NOTIFY, data=push_form("0", DATA[2:], com="shunfengkuaiyun"))
    assert resp.status_code == 200
    resp = client.post(KUAIDI100_NOTIFY, data=push_form("0", DATA[2:], number="SF1999999999999"))
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "package_not_found")
    assert count(TrackingEvent) == 1
