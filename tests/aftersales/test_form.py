"""The buyer's form says per line what may be asked now: units per kind (0
where the order refuses the kind; returns only for shipped units; refunded
units gone), an open request, and the caps of 1, 2, ... units, which are
exactly what a request of those units is capped at."""

from __future__ import annotations


def form_of(aftersales, bought) -> dict:
    resp = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}/after-sale-form",
                                 headers=bought.headers)
    assert resp.status_code == 200, resp.json
    return {line["line_id"]: line for line in resp.json["lines"]}


def test_units_per_kind_open_lines_and_caps(aftersales, buy, shop):
    bought = buy(3, 2)  # 3 x 10 yuan, 2 x 20 yuan, paid, free postage
    first, second = bought.lines
    shop.refund(bought.order_id, "r1", first, 1)  # one unit of the first line refunded
    assert shop.ship(bought.order_id, "SF2000000000001",
                     lines=[(second, 1)]).status_code == 200  # one of the second shipped
    aftersales.opened(bought, "refund_only", [(1, 1)])
    lines = form_of(aftersales, bought)
    assert lines[first] == {"line_id": first, "title": "Tea", "spec": "", "quantity": 3,
                            "open": False, "caps_fen": [1000, 2000],
                            "units": {"refund_only": 2, "return_refund": 0, "exchange": 0}}
    assert lines[second] == {"line_id": second, "title": "Tea", "spec": "", "quantity": 2,
                             "open": True, "caps_fen": [2000, 4000],
                             "units": {"refund_only": 2, "return_refund": 1, "exchange": 1}}
    made = aftersales.opened(bought, "refund_only", [(0, 2)])
    assert (made["cap_fen"], made["asked_fen"]) == (lines[first]["caps_fen"][1], 2000)
    assert form_of(aftersales, bought)[first]["open"] is True


def test_an_unpaid_order_allows_no_kind(aftersales, client, make, shop):
    headers = make.login("alice")
    address = make.address("alice")
    order = client.post("/mp/v1/orders", headers=headers, json={
        "lines": [{"sku_id": shop.skus[0], "quantity": 2}], "address_id": address})
    assert order.status_code == 201, order.json
    resp = client.get(f"/mp/v1/orders/{order.json['id']}/after-sale-form", headers=headers)
    assert resp.status_code == 200, resp.json
    (line,) = resp.json["lines"]
    assert line["units"] == {"refund_only": 0, "return_refund": 0, "exchange": 0}
    assert line["caps_fen"] == []
