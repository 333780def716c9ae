"""Who may see and act on a request (buyer B not on A's; staff of merchant
B not on merchant A's), the amount cap and the lower agreed amount, and
staff approving one request twice or at once: one transition, one refund."""

from __future__ import annotations

from tests.aftersales.conftest import race, refunds_of


def test_another_buyer_cannot_see_or_act_on_a_request(aftersales, buy, make):
    bought = buy(1, 1)
    sale = aftersales.opened(bought, "refund_only", [(0, 1)])
    bob = make.login("bob")
    for action, body in (("", {}), ("cancel", {}), ("accept-amount", {}),
                         ("ship", {"carrier": "SF", "tracking_no": "SF2000000000001"})):
        resp = aftersales.buyer(bought, sale["id"], action, headers=bob, **body)
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "after_sale_not_found")
    resp = aftersales.ask(bought, "refund_only", [(1, 1)], headers=bob)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_not_found")
    resp = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}/after-sale-form",
                                 headers=bob)
    assert resp.status_code == 404
    assert aftersales.client.get("/mp/v1/after-sales", headers=bob).json["items"] == []
    assert aftersales.buyer(bought, sale["id"]).json["status"] == "requested"


def test_staff_of_another_merchant_cannot_act(aftersales, buy, make):
    bought = buy(1, 1)
    sale = aftersales.opened(bought, "refund_only", [(0, 1)])
    other_merchant = make.merchant("rival", name="Rival")
    rival = make.login("rival")
    for action, body in (("", {}), ("approve", {}), ("reject", {"reason": "x"}),
                         ("propose", {"amount_fen": 1}), ("confirm-receipt", {})):
        resp = aftersales.staff(sale["id"], action, headers=rival, merchant_id=other_merchant,
                                **body)
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "after_sale_not_found")
        resp = aftersales.staff(sale["id"], action, headers=rival, **body)  # A's merchant id
        assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    queue = aftersales.client.get(f"/api/v1/merchants/{other_merchant}/after-sales",
                                  headers=rival).json
    assert queue["items"] == []
    assert refunds_of(bought.order_id) == []


def test_the_amount_is_capped_and_the_merchant_may_agree_less(aftersales, buy):
    bought = buy(3, 0)  # 3 x 1000
    resp = aftersales.ask(bought, "refund_only", [(0, 2)], amount_fen=2001)
    assert (resp.status_code, resp.json["error"]["code"],
            resp.json["error"]["details"]) == (422, "after_sale_amount_too_high",
                                               {"cap_fen": 2000, "amount_fen": 2001})
    sale = aftersales.opened(bought, "refund_only", [(0, 2)], amount_fen=1800)
    assert (sale["cap_fen"], sale["asked_fen"], sale["amount_fen"]) == (2000, 1800, 1800)
    resp = aftersales.staff(sale["id"], "propose", amount_fen=2001)
    assert resp.json["error"]["code"] == "after_sale_amount_too_high"
    resp = aftersales.staff(sale["id"], "propose", amount_fen=1500)
    assert (resp.json["proposed_fen"], resp.json["amount_fen"]) == (1500, 1800)
    resp = aftersales.buyer(bought, sale["id"], "accept-amount")
    assert (resp.json["agreed_fen"], resp.json["amount_fen"]) == (1500, 1500)
    resp = aftersales.staff(sale["id"], "approve", amount_fen=2500)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "after_sale_amount_too_high")
    resp = aftersales.staff(sale["id"], "approve", amount_fen=1200)
    assert (resp.json["status"], resp.json["amount_fen"]) == ("refunding", 1200)
    aftersales.settle()
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale['id']}", 1200, "succeeded")]
    # what is left of the line: one unit, and the fen the lower amount left behind
    order = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}", headers=bought.headers)
    assert (order.json["refunded_fen"], order.json["status"]) == (1200, "to_ship")
    last = aftersales.opened(bought, "refund_only", [(0, 1)])
    assert last["cap_fen"] == 1000


def test_approving_twice_refunds_once(aftersales, buy):
    bought = buy(2, 0)
    sale = aftersales.opened(bought, "refund_only", [(0, 2)])
    assert aftersales.staff(sale["id"], "approve").status_code == 200
    again = aftersales.staff(sale["id"], "approve")
    assert (again.status_code, again.json["error"]["code"]) == (409,
                                                                "after_sale_illegal_transition")
    aftersales.settle()
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale['id']}", 2000, "succeeded")]


def test_two_staff_approving_at_once_give_one_refund(aftersales, buy, app, make, shop):
    bought = buy(2, 1)
    first = aftersales.opened(bought, "refund_only", [(0, 2)])
    second = aftersales.opened(bought, "refund_only", [(1, 1)])
    clients = [app.test_client() for _ in range(4)]

    def approve(sale_id, client):
        return lambda: client.post(
            f"/api/v1/merchants/{shop.merchant_id}/after-sales/{sale_id}/approve",
            headers=shop.staff, json={"amount_fen": None}).status_code

    codes = race(app, approve(first["id"], clients[0]), approve(first["id"], clients[1]),
                 approve(second["id"], clients[2]), approve(second["id"], clients[3]))
    assert sorted(codes) == [200, 200, 409, 409]
    aftersales.settle()
    assert sorted(refunds_of(bought.order_id)) == sorted([
            (f"after-sale-{first['id']}", 2000, "succeeded"),
            (f"after-sale-{second['id']}", 2000, "succeeded")])
    order = aftersales.client.get(f"/mp/v1/orders/{bought.order_id}", headers=bought.headers)
    assert (order.json["status"], order.json["refunded_fen"]) == ("refunded", 4000)


def test_two_requests_for_one_line_at_once_open_one(aftersales, buy, app):
    bought = buy(2, 0)
    clients = [app.test_client() for _ in range(3)]

    def ask(client, kind):
        return lambda: client.post(
            f"/mp/v1/orders/{bought.order_id}/after-sales", headers=bought.headers, json={
                "kind": kind, "reason_code": "quality",
                "lines": [{"line_id": bought.lines[0], "quantity": 1}]}).status_code

    codes = race(app, ask(clients[0], "refund_only"), ask(clients[1], "refund_only"),
                 ask(clients[2], "refund_only"))
    assert sorted(codes) == [201, 409, 409]
    mine = aftersales.client.get("/mp/v1/after-sales", headers=bought.headers).json
    assert mine["meta"]["total"] == 1
