"""An order from a share records the share and its sharer; the client names
only the share, never the sharer."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.catalog.models import Sku
from app.db import transaction
from tests.sharing.conftest import create, error


def _order(client, headers, sku_id, source):
    return client.post("/mp/v1/orders", headers=headers,
                       json={"lines": [{"sku_id": sku_id, "quantity": 1}], "source": source})


def test_an_order_from_a_share_records_share_and_sharer(client, make):
    sku_id = make.product(make.merchant("owner"))[0]
    alice = make.user("alice")
    with transaction() as s:
        product = s.get(Sku, sku_id).product_id
    share = create(client, make.login("alice"), kind="product", target_id=product,
                   channel="wechat_chat", ttl_s=60).json
    bob = make.login("bob")
    clock.advance(timedelta(hours=1))  # attribution outlives the scene
    resp = _order(client, bob, sku_id, {"share": share["id"]})
    assert resp.status_code == 201, resp.json
    assert (resp.json["share_id"], resp.json["sharer_id"]) == (share["id"], alice)
    assert error(_order(client, bob, sku_id, {"share": 999_999})) == (404, "share_not_found")
