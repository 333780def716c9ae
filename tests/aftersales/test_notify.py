"""The buyer hears of a decision: a subscriber to `after_sale_updated`
gets one message per request and status the buyer waits for (approved,
refunded, ...), none for their own steps; others' requests tell them
nothing."""

from __future__ import annotations

from tests.conftest import drain_events
from tests.subscribe_messages.conftest import messages, work_off


def test_a_subscribed_buyer_is_told_of_approval_and_refund(aftersales, buy, app, client):
    bought = buy(2, 0)
    for _ in range(2):  # two one-time credits
        resp = client.post("/mp/v1/subscriptions", headers=bought.headers,
                           json={"accepted": ["after_sale_updated"]})
        assert resp.status_code == 201, resp.json
    sale = aftersales.opened(bought, "refund_only", [(0, 1)])
    drain_events()
    work_off(app)
    assert messages() == []  # their own request: nothing to tell
    aftersales.staff(sale["id"], "approve")
    aftersales.settle()
    drain_events()  # the refund's own change, recorded by the refund handler
    work_off(app)
    work_off(app)
    sent = messages(event="after_sale_updated")
    assert len(sent) == 1  # refunding is not a decision; refunded is
    assert sent[0][2] == "sent"
    other = aftersales.opened(bought, "refund_only", [(0, 1)])
    aftersales.staff(other["id"], "reject", reason="no")
    drain_events()
    work_off(app)
    work_off(app)
    assert len(messages(event="after_sale_updated")) == 2

