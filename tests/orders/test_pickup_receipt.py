"""Goods collected at a community pickup point skip shipping: to_ship ->
received is allowed for such orders only, and only by that path."""

from __future__ import annotations

import pytest

from app import clock
from app.db import transaction
from app.orders import rules, service
from app.orders.errors import IllegalState


def test_to_ship_to_received_only_at_a_pickup_point():
    with pytest.raises(rules.IllegalTransition):
        rules.check_move(rules.TO_SHIP, rules.RECEIVED)
    rules.check_move(rules.TO_SHIP, rules.RECEIVED, pickup=True)
    rules.check_move(rules.SHIPPED, rules.RECEIVED, pickup=True)
    for current in (rules.PENDING, rules.PAID, rules.GROUPING, rules.COMPLETED,
                    rules.REFUNDED, rules.CANCELLED):
        assert not rules.can_move(current, rules.RECEIVED, pickup=True)


def test_an_order_without_a_leader_cannot_be_received_at_a_pickup_point(make):
    merchant_id = make.merchant("owner")
    (sku,) = make.product(merchant_id)
    buyer = make.user("bob")
    with transaction() as s:
        order = service.create_order(s, buyer_id=buyer, lines=[(sku, 1)], now=clock.now())
        order_id = order.id
    with transaction() as s:
        assert service.mark_paid(s, order_id=order_id, now=clock.now())
    with transaction() as s, pytest.raises(IllegalState):
        service.receive_at_pickup(s, order_id=order_id, now=clock.now())
    with transaction() as s:
        assert service.get_order(s, order_id).status == rules.TO_SHIP


def test_a_source_of_another_merchant_or_of_an_unnamed_one_is_refused():
    from app.orders import sources
    from app.orders.errors import SourceWrongMerchant

    sources.register("pickup", lambda _s, point_id, _b: {
        "community_id": 5, "leader_id": 9, "merchant_id": 2})
    assert sources.resolve(None, {"pickup": 1}, 3, merchant_id=2) == {
        "community_id": 5, "leader_id": 9}
    for merchant_id in (1, None):
        with pytest.raises(SourceWrongMerchant):
            sources.resolve(None, {"pickup": 1}, 3, merchant_id=merchant_id)
