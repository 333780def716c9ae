"""Staff manage flash sales: clear validation errors, edits only before the
start, the quota taken from the SKU at publishing, live numbers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock
from tests.conftest import T0, stock_of
from tests.flashsale.conftest import END, START, grab, grab_token, terms

BASE = "/api/v1/merchants/{}/flashsales"


@pytest.fixture
def shop(client, make):
    merchant_id = make.merchant("owner")
    sku_id = make.product(merchant_id, skus=((1000, 50),))[0]
    return merchant_id, sku_id, make.login("owner")


@pytest.mark.parametrize(("change", "field"), [
    ({"price_fen": 1001}, "price_fen"),
    ({"per_user_limit": 1, "per_order_limit": 2}, "per_order_limit"),
    ({"ends_at": START.isoformat()}, "ends_at"),
    ({"ends_at": (START + timedelta(days=91)).isoformat()}, "ends_at"),
    ({"slots": ["12:00-11:00"]}, "slots"),
    ({"slots": ["10:00-12:00", "11:00-13:00"]}, "slots"),
    ({"slots": ["25:00-26:00"]}, "slots"),
])
def test_invalid_terms_name_the_field(client, shop, change, field):
    merchant_id, sku_id, staff = shop
    resp = client.post(BASE.format(merchant_id), headers=staff, json=terms(sku_id, **change))
    assert resp.status_code == 422, resp.json
    assert resp.json["error"]["code"] == "invalid_flashsale"
    assert list(resp.json["error"]["details"]) == [field]


def test_another_shops_sku_cannot_be_sold(client, make, shop):
    merchant_id, _, staff = shop
    other_sku = make.product(make.merchant("rival"), skus=((1000, 5),))[0]
    resp = client.post(BASE.format(merchant_id), headers=staff, json=terms(other_sku))
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "invalid_flashsale")
    assert resp.json["error"]["details"] == {"sku_id": "No such SKU in this shop."}


def test_only_staff_manage_sales(client, make, shop):
    merchant_id, sku_id, _ = shop
    resp = client.post(BASE.format(merchant_id), headers=make.login("mallory"),
                       json=terms(sku_id))
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")


def test_publishing_takes_the_quota_from_the_sku_once(client, shop):
    merchant_id, sku_id, staff = shop
    made = client.post(BASE.format(merchant_id), headers=staff, json=terms(sku_id, quota=30))
    url = f"{BASE.format(merchant_id)}/{made.json['id']}"
    assert made.json["status"] == "draft" and made.json["remaining"] is None
    assert stock_of(sku_id) == 50
    resp = client.post(url + "/publish", headers=staff)
    assert (resp.json["status"], resp.json["phase"], resp.json["remaining"]) == \
        ("published", "open", 30)
    assert stock_of(sku_id) == 20
    resp = client.post(url + "/publish", headers=staff)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "flashsale_illegal_status")
    assert stock_of(sku_id) == 20


def test_publishing_more_than_the_sku_holds_is_refused(client, shop):
    merchant_id, sku_id, staff = shop
    made = client.post(BASE.format(merchant_id), headers=staff, json=terms(sku_id, quota=51))
    resp = client.post(f"{BASE.format(merchant_id)}/{made.json['id']}/publish", headers=staff)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "out_of_stock")
    assert stock_of(sku_id) == 50


def test_edits_only_before_the_start(client, shop):
    merchant_id, sku_id, staff = shop
    later = {"starts_at": (T0 + timedelta(hours=1)).isoformat(),
             "ends_at": (T0 + timedelta(hours=2)).isoformat()}
    made = client.post(BASE.format(merchant_id), headers=staff,
                       json=terms(sku_id, quota=10, **later))
    url = f"{BASE.format(merchant_id)}/{made.json['id']}"
    client.post(url + "/publish", headers=staff)
    assert stock_of(sku_id) == 40
    resp = client.patch(url, headers=staff, json={"quota": 25, "price_fen": 300})
    assert (resp.json["quota"], resp.json["price_fen"], resp.json["remaining"]) == (25, 300, 25)
    assert stock_of(sku_id) == 25  # the quota change moved stock between SKU and sale
    clock.freeze(T0 + timedelta(hours=1))
    resp = client.patch(url, headers=staff, json={"quota": 5})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "flashsale_not_editable")
    assert stock_of(sku_id) == 25


def test_raising_a_published_quota_past_the_sku_is_out_of_stock(client, shop):
    merchant_id, sku_id, staff = shop
    later = {"starts_at": (T0 + timedelta(hours=1)).isoformat(),
             "ends_at": (T0 + timedelta(hours=2)).isoformat()}
    made = client.post(BASE.format(merchant_id), headers=staff,
                       json=terms(sku_id, quota=10, **later))
    url = f"{BASE.format(merchant_id)}/{made.json['id']}"
    assert client.post(url + "/publish", headers=staff).status_code == 200
    resp = client.patch(url, headers=staff, json={"quota": 51})  # 40 left on the SKU
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "out_of_stock")
    assert stock_of(sku_id) == 40
    assert client.get(url, headers=staff).json["quota"] == 10


def test_staff_watch_sold_and_remaining(client, make, sale):
    s = sale(quota=4)
    alice = make.login("alice")
    assert grab(client, s, alice, grab_token(client, s, alice)).status_code == 201
    shown = client.get(s.staff_url, headers=s.staff).json
    assert (shown["sold"], shown["remaining"], shown["returned_to_sku"]) == (1, 3, 0)
    listed = client.get(f"/api/v1/merchants/{s.merchant_id}/flashsales", headers=s.staff).json
    assert [(a["id"], a["sold"]) for a in listed["items"]] == [(s.id, 1)]


def test_a_sale_over_is_settled_by_the_sweep(app, client, make, sale):
    from flashsale import jobs

    s = sale(quota=6, stock=10)
    clock.freeze(END)
    assert jobs.sweep() == {s.id: {"settled": 6}}
    assert stock_of(s.sku_id) == 10
    shown = client.get(s.staff_url, headers=s.staff).json
    assert (shown["phase"], shown["remaining"], shown["returned_to_sku"]) == ("ended", 0, 6)


def test_publishing_times_the_settlement_at_the_end(app, client, sale):
    from rq.registry import ScheduledJobRegistry

    s = sale(quota=2)
    queue = app.extensions["mall.queues"].get("promotions")
    registry = ScheduledJobRegistry(queue=queue)
    assert registry.get_job_ids() == [f"fs-settle-{s.id}"]
    job = queue.fetch_job(f"fs-settle-{s.id}")
    assert (job.func_name, job.args) == ("flashsale.jobs.settle", (s.id,))
    clock.freeze(END)
    assert job.func(*job.args) == 2
    assert stock_of(s.sku_id) == 1000
