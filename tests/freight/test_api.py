"""The staff API of freight templates: create, list, read, replace, delete
(refused while a product names it), validation with stable codes, and
another merchant's staff finding nothing. Products name a template of their
own merchant only; SKUs keep their weight."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from app.catalog.models import Product
from app.db import transaction
from app.freight.models import FreightTemplate
from tests.conftest import count
from tests.freight.conftest import PIECE, WEIGHT


@pytest.fixture
def staff(client, make):
    merchant = make.merchant("owner")
    headers = make.login("owner")

    def call(method, path="", json=None, merchant_id=merchant, as_=headers):
        return client.open(f"/api/v1/merchants/{merchant_id}/freight-templates{path}",
                           method=method, headers=as_, json=json)
    call.merchant = merchant
    call.headers = headers
    return call


def product(client, staff, template_id, **sku):
    return client.post(f"/api/v1/merchants/{staff.merchant}/products", headers=staff.headers,
                       json={"title": "Tea", "freight_template_id": template_id,
                             "skus": [{"price_fen": 1000, "stock": 5, **sku}]})


def test_a_template_is_created_read_listed_replaced_and_deleted(staff):
    created = staff("POST", json=PIECE)
    assert created.status_code == 201, created.json
    tid = created.json["id"]
    body = {k: v for k, v in created.json.items() if k not in ("created_at", "updated_at")}
    assert body == {
        "id": tid, "merchant_id": staff.merchant, "name": "By piece", "method": "piece",
        "default": {"first_units": 1, "first_fee_fen": 800, "additional_units": 1,
                    "additional_fee_fen": 200, "free_over_fen": 9900, "free_over_count": None},
        "groups": [
            {"regions": ["540000", "650000"], "first_units": 1, "first_fee_fen": 2000,
             "additional_units": 1, "additional_fee_fen": 500, "free_over_fen": None,
             "free_over_count": None},
            {"regions": ["650100"], "first_units": 1, "first_fee_fen": 1500,
             "additional_units": 1, "additional_fee_fen": 300, "free_over_fen": None,
             "free_over_count": None},
            {"regions": ["650102"], "first_units": 2, "first_fee_fen": 1000,
             "additional_units": 2, "additional_fee_fen": 400, "free_over_fen": None,
             "free_over_count": 5}],
        "not_delivered": ["654000", "710000", "810000", "820000"]}
    assert staff("GET", f"/{tid}").json == created.json
    assert [t["id"] for t in staff("GET").json["items"]] == [tid]

    replaced = staff("PUT", f"/{tid}", json={**WEIGHT, "name": "Heavy"})
    assert replaced.status_code == 200, replaced.json
    assert (replaced.json["id"], replaced.json["name"], replaced.json["method"]) == (
        tid, "Heavy", "weight")
    assert replaced.json["groups"] == [{"regions": ["440000"], "first_units": 1000,
                                        "first_fee_fen": 600, "additional_units": 1000,
                                        "additional_fee_fen": 200, "free_over_fen": None,
                                        "free_over_count": None}]
    assert replaced.json["not_delivered"] == []
    assert staff("GET", f"/{tid}").json == replaced.json

    assert staff("DELETE", f"/{tid}").status_code == 204
    gone = staff("GET", f"/{tid}")
    assert (gone.status_code, gone.json["error"]["code"]) == (404, "freight_template_not_found")
    assert staff("GET").json["meta"]["total"] == 0


def test_a_template_a_product_names_cannot_be_deleted(client, staff):
    tid = staff("POST", json=PIECE).json["id"]
    made = product(client, staff, tid, weight_g=250)
    assert made.status_code == 201, made.json
    assert made.json["freight_template_id"] == tid
    assert made.json["skus"][0]["weight_g"] == 250
    refused = staff("DELETE", f"/{tid}")
    assert refused.status_code == 409
    assert refused.json["error"] == {"code": "freight_template_in_use",
                                     "message": "Products still name this freight template.",
                                     "details": {"product_ids": [made.json["id"]]}}
    # unnamed, it can go
    unnamed = client.patch(f"/api/v1/merchants/{staff.merchant}/products/{made.json['id']}",
                           headers=staff.headers, json={"freight_template_id": None})
    assert (unnamed.status_code, unnamed.json["freight_template_id"]) == (200, None)
    assert staff("DELETE", f"/{tid}").status_code == 204


def test_another_merchants_staff_find_nothing(client, make, staff):
    tid = staff("POST", json=PIECE).json["id"]
    other = make.merchant("rival", name="Rival")
    rival = make.login("rival")
    for method, body in (("GET", None), ("PUT", PIECE), ("DELETE", None)):
        resp = staff(method, f"/{tid}", json=body, merchant_id=other, as_=rival)
        assert (resp.status_code, resp.json["error"]["code"]) == (
            404, "freight_template_not_found"), method
    assert staff("GET", merchant_id=other, as_=rival).json["items"] == []
    # and the rival's staff may not use the owner's merchant at all
    resp = staff("GET", f"/{tid}", as_=rival)
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    # nor may a rival's product name the owner's template
    made = client.post(f"/api/v1/merchants/{other}/products", headers=rival,
                       json={"title": "Tea", "freight_template_id": tid})
    assert (made.status_code, made.json["error"]["code"]) == (404, "freight_template_not_found")
    assert staff("GET", f"/{tid}").json["name"] == "By piece"


def _fields(resp) -> dict:
    assert resp.status_code == 422, resp.json
    assert resp.json["error"]["code"] == "validation_error"
    return resp.json["error"]["details"]["fields"]


@pytest.mark.parametrize(("change", "where"), [
    ({"method": "volume"}, ["method"]),
    ({"not_delivered": ["8100"]}, ["not_delivered", "0"]),
    ({"not_delivered": ["990000"]}, ["not_delivered", "0"]),
    ({"not_delivered": ["1100a0"]}, ["not_delivered", "0"]),
    ({"groups": [{"regions": [], "first_fee_fen": 100}]}, ["groups", "0", "regions"]),
    ({"groups": [{"regions": ["330000"], "first_fee_fen": -1}]},
     ["groups", "0", "first_fee_fen"]),
    ({"groups": [{"regions": ["330000"], "first_fee_fen": 1, "additional_units": 0}]},
     ["groups", "0", "additional_units"]),
    ({"default": {"first_fee_fen": 100, "free_over_count": 0}},
     ["default", "free_over_count"]),
    ({"default": {"first_units": 1}}, ["default", "first_fee_fen"]),
    ({"groups": [{"regions": ["330000"], "first_fee_fen": 1},
                 {"regions": ["330000"], "first_fee_fen": 2}]}, ["groups"]),
    ({"not_delivered": ["650000"]}, ["groups"]),
], ids=["method", "short code", "no such province", "not all digits",
        "group without regions", "negative fee", "zero additional units",
        "zero free count", "no first fee", "a code in two groups",
        "a code grouped and refused"])
def test_bad_templates_are_refused_with_the_field_named(staff, change, where):
    resp = staff("POST", json={**PIECE, **change})
    node = _fields(resp)
    for key in where:
        node = node[key]
    assert node
    assert count_templates() == 0


def count_templates() -> int:
    return count(FreightTemplate)


def test_a_repeated_code_names_itself(staff):
    resp = staff("POST", json={**PIECE, "not_delivered": ["650100", "810000"]})
    assert _fields(resp) == {"groups": ["Named more than once: 650100."]}


def test_a_sku_weight_is_kept_and_changed(client, staff):
    made = product(client, staff, None, weight_g=500)
    assert made.json["freight_template_id"] is None
    sku_id = made.json["skus"][0]["id"]
    resp = client.patch(f"/api/v1/merchants/{staff.merchant}/skus/{sku_id}",
                        headers=staff.headers, json={"weight_g": 1250})
    assert (resp.status_code, resp.json["weight_g"]) == (200, 1250)
    bad = client.patch(f"/api/v1/merchants/{staff.merchant}/skus/{sku_id}",
                       headers=staff.headers, json={"weight_g": -1})
    assert "weight_g" in _fields(bad)


def test_a_product_names_an_unknown_template_refused(client, staff):
    made = product(client, staff, 987654)
    assert made.status_code == 404
    assert made.json["error"] == {"code": "freight_template_not_found",
                                  "message": "No such freight template.",
                                  "details": {"freight_template_id": 987654}}


def test_deleting_a_template_races_products_naming_it(app, staff):
    """8 threads name the template on new products while 8 delete it: either
    the template survives with every product that named it, or it is gone
    and no product names it. No 500, never a dangling template id."""
    tid = staff("POST", json=PIECE).json["id"]

    def act(i):
        client = app.test_client()
        if i % 2:
            return client.delete(f"/api/v1/merchants/{staff.merchant}/freight-templates/{tid}",
                                 headers=staff.headers).status_code
        return client.post(f"/api/v1/merchants/{staff.merchant}/products",
                           headers=staff.headers,
                           json={"title": f"Tea {i}", "freight_template_id": tid}).status_code

    codes = _race(16, act)
    named = [c for i, c in enumerate(codes) if i % 2 == 0]
    deleted = [c for i, c in enumerate(codes) if i % 2]
    assert set(named) <= {201, 404} and set(deleted) <= {204, 404, 409}
    with transaction() as s:
        template = s.get(FreightTemplate, tid)
        naming = s.scalars(select(Product.id).where(Product.freight_template_id == tid)).all()
    if template is None:
        assert deleted.count(204) == 1 and naming == []
    else:
        assert 204 not in deleted and len(naming) == named.count(201) >= 1


def _race(n, fn):
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))
