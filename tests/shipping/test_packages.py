"""Split shipments through the staff API: partially_shipped until the last
unit goes, never more than was ordered or than refunds leave, the
auto-receive timer from the moment the order is wholly shipped, two staff
racing for the last units."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from app import clock
from app.orders import jobs
from app.shipping.models import Package, PackageLine
from tests.conftest import T0, count
from tests.shipping.conftest import order_row

SF = ("SF1000000000001", "SF1000000000002", "SF1000000000003", "SF1000000000004")


def test_partially_shipped_then_shipped_when_the_last_unit_goes(shop, buy):
    b = buy(3, 2)
    a, c = b.lines
    resp = shop.ship(b.order_id, SF[0], lines=[(a, 2)])
    assert (resp.status_code, resp.json["status"]) == (200, "partially_shipped")
    assert order_row(b.order_id) == ("partially_shipped", None, "SF", SF[0])
    # a partly shipped order is never received by the timer
    clock.advance(timedelta(days=11))
    assert jobs.sweep()["received"] == 0
    resp = shop.ship(b.order_id, SF[1], lines=[(a, 1), (c, 1)])
    assert (resp.status_code, resp.json["status"]) == (200, "partially_shipped")
    shipped_at = clock.now()
    resp = shop.ship(b.order_id, SF[2], lines=[(c, 1)])
    assert (resp.status_code, resp.json["status"], resp.json["shipped_at"]) == (
        200, "shipped", shipped_at.isoformat())
    # the order keeps the first package's carrier and number
    assert order_row(b.order_id) == ("shipped", shipped_at, "SF", SF[0])
    body = shop.packages(b.order_id).json
    assert [(p["tracking_no"], [(ln["line_id"], ln["quantity"]) for ln in p["lines"]])
            for p in body["packages"]] == [(SF[0], [(a, 2)]), (SF[1], [(a, 1), (c, 1)]),
                                           (SF[2], [(c, 1)])]
    assert body["unshipped"] == []
    resp = shop.ship(b.order_id, SF[3], lines=[(a, 1)])
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == (
        409, "illegal_transition", {"status": "shipped", "target": "shipped"})
    # the 10-day timer runs from the last package
    clock.advance(timedelta(days=10) - timedelta(seconds=1))
    assert jobs.sweep()["received"] == 0
    clock.advance(timedelta(seconds=1))
    assert jobs.sweep()["received"] == 1
    assert order_row(b.order_id)[0] == "received"


def test_one_package_with_every_unit_ships_the_order_at_once(shop, buy):
    """The single-package endpoint as it always was: no lines, everything left."""
    b = buy(3, 2)
    resp = shop.ship(b.order_id, " sf 1000-0000-00001 ")
    assert (resp.status_code, resp.json["status"], resp.json["carrier"],
            resp.json["tracking_no"]) == (200, "shipped", "SF", "SF1000000000001")
    body = shop.packages(b.order_id).json
    assert [(ln["line_id"], ln["quantity"]) for ln in body["packages"][0]["lines"]] == [
        (b.lines[0], 3), (b.lines[1], 2)]
    assert body["packages"][0]["shipped_at"] == T0.isoformat()


def test_a_package_cannot_hold_more_than_was_ordered(shop, buy):
    b = buy(3, 2)
    a, c = b.lines
    resp = shop.ship(b.order_id, SF[0], lines=[(a, 4), (c, 2)])
    assert resp.status_code == 422
    assert resp.json["error"] == {
        "code": "exceeds_shippable", "message": "The package holds more units than are left "
        "to ship.", "details": {"lines": [{"line_id": a, "asked": 4, "shippable": 3}]}}
    # a line named twice adds up; every line over its limit is named
    resp = shop.ship(b.order_id, SF[0], lines=[(a, 2), (c, 3), (a, 2)])
    assert resp.json["error"]["details"] == {"lines": [
        {"line_id": a, "asked": 4, "shippable": 3}, {"line_id": c, "asked": 3, "shippable": 2}]}
    assert count(Package) == 0 and count(PackageLine) == 0
    assert shop.ship(b.order_id, SF[0], lines=[(a, 2)]).status_code == 200
    resp = shop.ship(b.order_id, SF[1], lines=[(a, 2)])
    assert resp.json["error"]["details"] == {"lines": [{"line_id": a, "asked": 2,
                                                        "shippable": 1}]}
    assert order_row(b.order_id)[0] == "partially_shipped"


def test_a_line_of_another_order_is_refused(shop, buy):
    b, other = buy(1, 1), buy(1, 0, buyer="bob")
    resp = shop.ship(b.order_id, SF[0], lines=[(other.lines[0], 1)])
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == (
        422, "unknown_order_line", {"line_id": other.lines[0]})
    assert count(Package) == 0


def test_refunded_units_are_not_shipped(shop, buy):
    b = buy(3, 0)
    (a,) = b.lines
    shop.refund(b.order_id, "r1", a, 1)
    resp = shop.ship(b.order_id, SF[0], lines=[(a, 3)])
    assert resp.json["error"]["details"] == {"lines": [{"line_id": a, "asked": 3,
                                                        "shippable": 2}]}
    # a refund still processing holds its units too
    shop.refund(b.order_id, "r2", a, 1, settle=False)
    resp = shop.ship(b.order_id, SF[0], lines=[(a, 2)])
    assert resp.json["error"]["details"] == {"lines": [{"line_id": a, "asked": 2,
                                                        "shippable": 1}]}
    resp = shop.ship(b.order_id, SF[0])
    assert (resp.status_code, resp.json["status"]) == (200, "shipped")
    assert [(ln["line_id"], ln["quantity"])
            for ln in shop.packages(b.order_id).json["packages"][0]["lines"]] == [(a, 1)]


def test_every_unit_held_by_refunds_leaves_nothing_to_ship(shop, buy):
    b = buy(2, 0)
    shop.refund(b.order_id, "r1", b.lines[0], 2, settle=False)  # the whole order, processing
    resp = shop.ship(b.order_id, SF[0])
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "nothing_to_ship")
    assert order_row(b.order_id)[0] == "to_ship"


def test_refunding_the_last_unshipped_units_finishes_the_shipment(shop, buy):
    """Partly shipped, then the rest refunded: the order is shipped (from
    the refund), and its auto-receive timer runs from then."""
    b = buy(2, 1)
    a, c = b.lines
    assert shop.ship(b.order_id, SF[0], lines=[(a, 2)]).json["status"] == "partially_shipped"
    clock.advance(timedelta(days=1))
    shop.refund(b.order_id, "r1", c, 1)
    assert order_row(b.order_id)[:2] == ("shipped", T0 + timedelta(days=1))
    assert shop.packages(b.order_id).json["unshipped"] == []
    clock.advance(timedelta(days=10))
    assert jobs.sweep()["received"] == 1


def test_a_refund_of_part_of_what_is_left_keeps_it_partially_shipped(shop, buy):
    b = buy(2, 2)
    a, c = b.lines
    shop.ship(b.order_id, SF[0], lines=[(a, 2)])
    shop.refund(b.order_id, "r1", c, 1)
    assert order_row(b.order_id)[0] == "partially_shipped"
    assert shop.packages(b.order_id).json["unshipped"] == [{"line_id": c, "quantity": 1}]


def test_unpaid_and_other_merchants_orders_are_refused(client, make, shop, buy):
    headers = make.login("alice")
    pending = client.post("/mp/v1/orders", headers=headers,
                          json={"lines": [{"sku_id": shop.skus[0], "quantity": 1}]}).json
    resp = shop.ship(pending["id"], SF[0])
    assert (resp.status_code, resp.json["error"]["details"]) == (
        409, {"status": "pending_payment", "target": "shipped"})
    other = make.merchant("owner2", "Other")
    b = buy(1, 0)
    resp = client.post(f"/api/v1/merchants/{other}/orders/{b.order_id}/ship",
                       headers=make.login("owner2"),
                       json={"carrier": "SF", "tracking_no": SF[0]})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")
    assert count(Package) == 0


def test_a_tracking_number_names_one_package(shop, buy):
    b1, b2 = buy(1, 0), buy(1, 0, buyer="bob")
    assert shop.ship(b1.order_id, SF[0]).status_code == 200
    resp = shop.ship(b2.order_id, SF[0].lower())
    assert (resp.status_code, resp.json["error"]) == (409, {
        "code": "tracking_no_in_use", "message": "A package already has this tracking number.",
        "details": {"carrier": "SF", "tracking_no": SF[0]}})
    assert order_row(b2.order_id)[0] == "to_ship"
    # the same number with another carrier is another waybill
    assert shop.ship(b2.order_id, "731234567890123", carrier="ZTO").status_code == 200


def test_two_staff_racing_for_the_last_unit_one_wins(app, make, shop, buy):
    b = buy(2, 0)
    (a,) = b.lines
    shop.ship(b.order_id, SF[0], lines=[(a, 1)])
    make.grant("op", "merchant_operator", shop.merchant_id)
    staff = [shop.staff, make.login("op")] * 4

    def ship(i):
        return shop.ship(b.order_id, f"SF20000000000{i:02d}", lines=[(a, 1)],
                         headers=staff[i], client=app.test_client())

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ship, range(8)))
    assert sorted(r.status_code for r in answers) == [200] + [409] * 7
    assert {r.json["error"]["code"] for r in answers if r.status_code == 409} == {
        "illegal_transition"}
    assert count(Package) == 2
    assert order_row(b.order_id)[0] == "shipped"


def test_staff_racing_while_partly_shipped_never_ship_more_than_ordered(app, make, shop, buy):
    b = buy(5, 0)
    (a,) = b.lines
    shop.ship(b.order_id, SF[0], lines=[(a, 1)])  # 4 left
    make.grant("op", "merchant_operator", shop.merchant_id)
    staff = [shop.staff, make.login("op")] * 4

    def ship(i):
        return shop.ship(b.order_id, f"SF30000000000{i:02d}", lines=[(a, 2)],
                         headers=staff[i], client=app.test_client())

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ship, range(8)))
    assert sorted(r.status_code for r in answers) == [200, 200] + [409] * 6
    assert sum(p["lines"][0]["quantity"] for p in
               shop.packages(b.order_id).json["packages"]) == 5
    assert order_row(b.order_id)[0] == "shipped"
