"""Each path of the after-sale state machine, end to end through the HTTP
API: refund only (approved, rejected, cancelled), return and refund, and
exchange (its new package is not the order's shipping)."""

from __future__ import annotations

from app.db import transaction
from app.shipping.models import Package
from tests.aftersales.conftest import refunds_of, status_of
from tests.conftest import day, stock_of


def _actions(detail: dict) -> list[tuple[str, str, str]]:
    return [(e["actor"], e["action"], e["status"]) for e in detail["timeline"]]


def test_refund_only_before_shipping_is_refunded_with_stock_back(aftersales, buy, shop):
    bought = buy(2, 1)  # 2 x 1000 + 1 x 2000, to_ship
    sale = aftersales.opened(bought, "refund_only", [(0, 1)], description="不要了")
    assert (sale["status"], sale["cap_fen"], sale["amount_fen"]) == ("requested", 1000, 1000)
    assert stock_of(shop.skus[0]) == 48
    resp = aftersales.staff(sale["id"], "approve")
    assert (resp.status_code, resp.json["status"]) == (200, "refunding")
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale['id']}", 1000, "processing")]
    aftersales.settle()
    detail = aftersales.buyer(bought, sale["id"]).json
    assert detail["status"] == "refunded"
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale['id']}", 1000, "succeeded")]
    assert stock_of(shop.skus[0]) == 49  # unshipped units go back to stock
    assert _actions(detail) == [("buyer", "requested", "requested"),
                                ("merchant", "approved", "refunding"),
                                ("system", "refunded", "refunded")]
    order = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}",
                                  headers=bought.headers).json
    assert (order["status"], order["refunded_fen"]) == ("to_ship", 1000)
    # the line is free again; only the unit left may be asked for
    assert aftersales.ask(bought, "refund_only", [(0, 2)]).json["error"]["code"] == \
        "after_sale_too_many_units"
    assert aftersales.ask(bought, "refund_only", [(0, 1)]).status_code == 201


def test_rejected_and_cancelled_requests_free_the_line(aftersales, buy):
    bought = buy(2, 1)
    sale = aftersales.opened(bought, "refund_only", [(0, 2)])
    again = aftersales.ask(bought, "refund_only", [(0, 1)])
    assert (again.status_code, again.json["error"]["code"]) == (409, "after_sale_line_open")
    assert aftersales.ask(bought, "refund_only", [(1, 1)]).status_code == 201  # another line
    resp = aftersales.staff(sale["id"], "reject", reason="已发货请拒收")
    assert (resp.json["status"], resp.json["reject_reason"]) == ("rejected", "已发货请拒收")
    assert aftersales.staff(sale["id"], "approve").json["error"]["code"] == \
        "after_sale_illegal_transition"
    second = aftersales.opened(bought, "refund_only", [(0, 2)])
    resp = aftersales.buyer(bought, second["id"], "cancel")
    assert (resp.status_code, resp.json["status"]) == (200, "cancelled")
    assert aftersales.buyer(bought, second["id"], "cancel").status_code == 409
    assert aftersales.opened(bought, "refund_only", [(0, 2)])["status"] == "requested"
    assert refunds_of(bought.order_id) == []


def test_return_and_refund_through_the_buyers_parcel(aftersales, buy, shop):
    bought = buy(2, 1)
    aftersales.ship_all(bought, "SF1000000000001")
    aftersales.receive(bought)
    sale = aftersales.opened(bought, "return_refund", [(1, 1)], reason="damaged")
    assert aftersales.staff(sale["id"], "approve").json["status"] == "approved"
    bad = aftersales.buyer(bought, sale["id"], "ship", carrier="飞鸽", tracking_no="1")
    assert (bad.status_code, bad.json["error"]["code"]) == (422, "carrier_unknown")
    bad = aftersales.buyer(bought, sale["id"], "ship", carrier="YTO", tracking_no="123")
    assert (bad.status_code, bad.json["error"]["code"]) == (422, "tracking_no_invalid")
    resp = aftersales.buyer(bought, sale["id"], "ship", carrier="圆通",
                            tracking_no="yt 1234567890123")
    assert (resp.json["status"], resp.json["return_carrier"],
            resp.json["return_tracking_no"]) == ("returning", "YTO", "YT1234567890123")
    assert aftersales.buyer(bought, sale["id"], "cancel").status_code == 409  # on its way
    resp = aftersales.staff(sale["id"], "confirm-receipt", restock=True)
    assert resp.json["status"] == "refunding"
    aftersales.settle()
    assert status_of(sale["id"]) == "refunded"
    assert stock_of(shop.skus[1]) == 50  # restocked
    detail = aftersales.staff(sale["id"]).json
    assert _actions(detail) == [
        ("buyer", "requested", "requested"), ("merchant", "approved", "approved"),
        ("buyer", "shipped_return", "returning"), ("merchant", "confirmed_receipt", "returned"),
        ("merchant", "refund_requested", "refunding"), ("system", "refunded", "refunded")]
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale['id']}", 2000, "succeeded")]


def test_a_return_without_restock_keeps_stock(aftersales, buy, shop):
    bought = buy(1, 0)
    aftersales.ship_all(bought, "SF1000000000001")
    sale = aftersales.opened(bought, "return_refund", [(0, 1)])  # shipped, not yet received
    aftersales.staff(sale["id"], "approve")
    aftersales.buyer(bought, sale["id"], "ship", carrier="SF", tracking_no="SF2000000000001")
    assert aftersales.staff(sale["id"], "confirm-receipt", restock=False).status_code == 200
    aftersales.settle()
    assert stock_of(shop.skus[0]) == 49
    order = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}", headers=bought.headers)
    assert (order.json["status"], order.json["refunded_fen"]) == ("refunded", 1000)


def test_exchange_sends_a_package_that_is_not_the_orders_shipping(aftersales, buy, shop):
    bought = buy(2, 1)
    # first package: the two units of line 0 (the order stays partially shipped)
    assert shop.ship(bought.order_id, "SF1000000000001", lines=[(bought.lines[0], 2)]) \
        .json["status"] == "partially_shipped"
    sale = aftersales.opened(bought, "exchange", [(0, 1)], reason="wrong_item")
    assert aftersales.ask(bought, "exchange", [(1, 1)]).json["error"]["code"] == \
        "after_sale_too_many_units"  # line 1 has not shipped
    aftersales.staff(sale["id"], "approve")
    aftersales.buyer(bought, sale["id"], "ship", carrier="SF", tracking_no="SF2000000000001")
    assert aftersales.staff(sale["id"], "ship-exchange", carrier="SF",
                            tracking_no="SF3000000000001").status_code == 409  # not back yet
    assert aftersales.staff(sale["id"], "confirm-receipt").json["status"] == "returned"
    resp = aftersales.staff(sale["id"], "ship-exchange", carrier="SF",
                            tracking_no="SF3000000000001")
    assert resp.status_code == 200, resp.json
    assert resp.json["status"] == "exchanged"
    with transaction() as s:
        package = s.get(Package, resp.json["exchange_package_id"])
        assert (package.purpose, [(ln.order_line_id, ln.quantity) for ln in package.lines]) \
            == ("exchange", [(bought.lines[0], 1)])
    assert refunds_of(bought.order_id) == []  # no money moves
    # the order's own shipping goes on: its last unit ships, none "exceeds_shippable"
    order = shop.ship(bought.order_id, "SF1000000000002")
    assert (order.status_code, order.json["status"]) == (200, "shipped")
    assert shop.ship(bought.order_id, "SF1000000000003").status_code == 409
    assert aftersales.ask(bought, "exchange", [(0, 2)]).status_code == 201  # line free again


def test_kinds_are_allowed_only_where_they_make_sense(aftersales, buy):
    bought = buy(1, 1)
    resp = aftersales.ask(bought, "return_refund", [(0, 1)])
    assert (resp.status_code, resp.json["error"]["code"],
            resp.json["error"]["details"]["reason"]) == (409, "after_sale_not_allowed",
                                                         "order_status")
    aftersales.ship_all(bought, "SF1000000000001")
    assert aftersales.ask(bought, "refund_only", [(0, 1)]).status_code == 201  # not received
    aftersales.receive(bought)
    resp = aftersales.ask(bought, "refund_only", [(1, 1)])
    assert resp.json["error"]["code"] == "after_sale_not_allowed"  # received: return it


def test_returns_close_seven_days_after_receipt(aftersales, buy):
    from datetime import timedelta

    from app import clock

    bought = buy(1, 1)
    aftersales.ship_all(bought, "SF1000000000001")
    aftersales.receive(bought)
    clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert aftersales.ask(bought, "return_refund", [(0, 1)]).status_code == 201
    clock.advance(timedelta(seconds=1))
    resp = aftersales.ask(bought, "exchange", [(1, 1)])
    assert (resp.json["error"]["code"], resp.json["error"]["details"]["reason"]) == (
        "after_sale_not_allowed", "window_closed")


def test_bad_requests_get_their_codes(aftersales, buy):
    bought = buy(2, 1)
    resp = aftersales.ask(bought, "refund_only", [(0, 1)], reason="made_up")
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "unknown_after_sale_reason")
    resp = aftersales.ask(bought, "refund_only", [(0, 1), (0, 1)])
    assert resp.json["error"]["code"] == "after_sale_duplicate_lines"
    resp = aftersales.client.post(f"/mp/v1/orders/{bought.order_id}/after-sales",
                                  headers=bought.headers, json={
                                      "kind": "refund_only", "reason_code": "quality",
                                      "lines": [{"line_id": 10**9, "quantity": 1}]})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "unknown_order_line")
    resp = aftersales.ask(bought, "refund_only", [(0, 1)], photos=[f"k{i}" for i in range(10)])
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
    resp = aftersales.ask(bought, "swap", [(0, 1)])
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")


def test_the_form_lists_the_merchants_reasons_and_return_address(aftersales, buy, shop):
    bought = buy(1, 0)
    form = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}/after-sale-form",
                                 headers=bought.headers).json
    assert form["reasons"][0] == {"code": "no_reason", "label": "七天无理由 / No reason (7 days)"}
    resp = aftersales.client.put(
        f"/api/v1/merchants/{shop.merchant_id}/after-sale-settings", headers=shop.staff,
        json={"return_recipient": "退货组", "return_phone": "0571-88888888",
              "return_address": "杭州市西湖区文三路 1 号", "reasons": [
                  {"code": "broken", "label": "坏了"}], "review_hours": 24})
    assert resp.status_code == 200, resp.json
    assert (resp.json["review_hours"], resp.json["ship_days"], resp.json["confirm_days"]) == (
        24, 7, 10)
    form = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}/after-sale-form",
                                 headers=bought.headers).json
    assert form == {"reasons": [{"code": "broken", "label": "坏了"}],
                    "return_recipient": "退货组", "return_phone": "0571-88888888",
                    "return_address": "杭州市西湖区文三路 1 号", "lines": [{
                        "line_id": bought.lines[0], "title": "Tea", "spec": "",
                        "quantity": 1, "open": False, "caps_fen": [1000],
                        "units": {"refund_only": 1, "return_refund": 0, "exchange": 0}}]}
    assert aftersales.ask(bought, "refund_only", [(0, 1)]).status_code == 422  # quality gone
    assert aftersales.ask(bought, "refund_only", [(0, 1)], reason="broken").status_code == 201


def test_lists_and_the_merchants_queue_with_filters(aftersales, buy, shop):
    first, second = buy(1, 1), buy(2, 0, buyer="bob")
    a = aftersales.opened(first, "refund_only", [(0, 1)])
    b = aftersales.opened(first, "refund_only", [(1, 1)])
    c = aftersales.opened(second, "refund_only", [(0, 2)])
    aftersales.staff(b["id"], "reject", reason="no")
    mine = aftersales.client.get("/mp/v1/after-sales", headers=first.headers).json
    assert ([i["id"] for i in mine["items"]], mine["meta"]["total"]) == ([b["id"], a["id"]], 2)
    base = f"/api/v1/merchants/{shop.merchant_id}/after-sales"
    page = aftersales.client.get(base, headers=shop.staff).json
    assert [i["id"] for i in page["items"]] == [c["id"], b["id"], a["id"]]
    page = aftersales.client.get(f"{base}?status=requested&per_page=1&page=2",
                                 headers=shop.staff).json
    assert ([i["id"] for i in page["items"]], page["meta"]["total"]) == ([a["id"]], 2)
    page = aftersales.client.get(f"{base}?order_id={second.order_id}&kind=refund_only",
                                 headers=shop.staff).json
    assert [i["id"] for i in page["items"]] == [c["id"]]
    page = aftersales.client.get(base, headers=shop.staff, query_string={
        "created_from": "2000-01-01", "created_to": day(-1)})
    assert page.json["items"] == []
    page = aftersales.client.get(base, headers=shop.staff, query_string={
        "created_from": day(), "created_to": day()})  # 10:00 in China on the test day
    assert page.json["meta"]["total"] == 3
