"""The moves the merchant's staff see on a request (`actions`), from the
server's state machine: each state of an exchange and a refund, in the
queue and in the detail; the buyer's view has none."""

from __future__ import annotations

from app.aftersales import rules


def _actions(aftersales, sale_id: int) -> list[str]:
    return aftersales.staff(sale_id).json["actions"]


def test_an_exchange_shows_each_move_the_merchant_has_in_each_state(aftersales, buy, shop):
    bought = buy(2, 0)
    assert shop.ship(bought.order_id, "SF1000000000001").status_code == 200
    sale = aftersales.opened(bought, "exchange", [(0, 1)], reason="wrong_item")["id"]
    assert _actions(aftersales, sale) == ["approve", "reject", "propose"]
    queue = aftersales.client.get(f"/api/v1/merchants/{shop.merchant_id}/after-sales",
                                  headers=shop.staff).json
    assert [(s["id"], s["actions"]) for s in queue["items"]] == \
        [(sale, ["approve", "reject", "propose"])]
    assert "actions" not in aftersales.buyer(bought, sale).json

    assert aftersales.staff(sale, "approve").json["actions"] == []  # the buyer's turn
    aftersales.buyer(bought, sale, "ship", carrier="SF", tracking_no="SF2000000000001")
    assert _actions(aftersales, sale) == ["confirm_receipt"]
    assert aftersales.staff(sale, "confirm-receipt").json["actions"] == ["ship_exchange"]
    done = aftersales.staff(sale, "ship-exchange", carrier="SF", tracking_no="SF3000000000001")
    assert (done.json["status"], done.json["actions"]) == ("exchanged", [])


def test_a_returned_refund_and_closed_states_leave_nothing_to_do():
    assert rules.merchant_actions(rules.RETURN_REFUND, rules.RETURNED) == []
    assert rules.merchant_actions(rules.REFUND_ONLY, rules.REFUNDING) == []
    for state in (rules.REJECTED, rules.REFUNDED, rules.EXCHANGED, rules.CLOSED,
                  rules.CANCELLED, rules.APPROVED):
        assert [rules.merchant_actions(kind, state) for kind in rules.KINDS] == [[], [], []]
