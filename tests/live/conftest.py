"""Live-room fixtures: a room made through the staff API with a two-product
shelf, and Socket.IO test clients on /live as the host, viewers or guests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.auth import tokens
from app.catalog.models import Sku
from app.db import transaction
from app.socketio import socketio

NS = "/live"


@dataclass
class Room:
    id: int
    merchant_id: int
    host_id: int
    host: dict  # the host's bearer headers
    product_ids: list[int]
    sku_ids: list[int]

    @property
    def staff_url(self) -> str:
        return f"/api/v1/merchants/{self.merchant_id}/live/rooms/{self.id}"


def token_of(app, user_id: int) -> str:
    return tokens.issue(app.extensions["mall.settings"].secret_key, user_id)


def connect(app, user_id: int | None = None, guest: str | None = None):
    """A /live test client: logged in as user_id, or a guest (with a guest key)."""
    auth = {"token": token_of(app, user_id)} if user_id else None
    if guest is not None:
        auth = {"guest": guest}
    return socketio.test_client(app, namespace=NS, auth=auth)


def ack(client, event: str, data=None):
    return client.emit(event, data, namespace=NS, callback=True)


def events(client, name: str) -> list:
    return [e["args"][0] for e in client.get_received(NS) if e["name"] == name]


def code(answer) -> str:
    return answer["error"]["code"]


@pytest.fixture(autouse=True)
def _fresh_presence():
    """Room ids start again in every test: forget the sockets, counts and
    like tallies of the previous tests' rooms (the heartbeat would renew,
    compare and write them)."""
    from live import presence
    from live.sockets import connections

    connections.clear()
    presence.reset()


@pytest.fixture
def room(app, client, make):
    """room(live=True) -> a Room whose host is the merchant owner 'host'."""
    def _room(live: bool = True, owner: str = "host", title: str = "Tea live") -> Room:
        merchant_id = make.merchant(owner)
        skus = make.product(merchant_id, skus=((1000, 50), (1500, 50)), title="Longjing")
        skus += make.product(merchant_id, skus=((3000, 20),), title="Pu'er")
        with transaction() as s:
            products = [s.get(Sku, sid).product_id for sid in skus]
        product_ids = list(dict.fromkeys(products))
        headers = make.login(owner)
        resp = client.post(f"/api/v1/merchants/{merchant_id}/live/rooms", headers=headers,
                           json={"title": title, "shelf": product_ids})
        assert resp.status_code == 201, resp.json
        made = Room(resp.json["id"], merchant_id, make.user(owner), headers, product_ids, skus)
        if live:
            host = connect(app, made.host_id)
            assert ack(host, "set_state", {"room_id": made.id, "state": "live"})["ok"]
            host.disconnect(namespace=NS)
        return made
    return _room
