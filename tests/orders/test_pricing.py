"""Checkout pricing steps (app/orders/pricing.py): rank order, the one-fen
floor, refusals that write nothing, and asks nobody reads."""

import pytest

from app.db import transaction
from app.errors import DomainError
from app.orders import pricing, service
from app.orders.errors import UnknownCheckoutOption
from app.orders.models import Order
from tests.conftest import T0, count, stock_of


class Refused(DomainError):
    code, status, message = "refused_for_test", 422, "refused"


@pytest.fixture
def steps():
    saved = pricing.registered()
    yield pricing
    pricing.restore(saved)


@pytest.fixture
def shop(make):
    merchant = make.merchant("owner")
    return make.product(merchant, skus=[(1000, 5), (500, 5)]), make.user("buyer")


def test_steps_run_in_rank_order_and_set_the_order_amounts(shop, steps):
    (sku, _), buyer = shop
    seen = []

    def off_300(session, checkout, now):
        seen.append(("off", checkout.discount_fen, checkout.asks["coupon_id"]))
        checkout.discount_fen += 300
        return lambda order: seen.append(("after", order.id is not None))

    def free_postage(session, checkout, now):
        seen.append(("postage", checkout.discount_fen))
        checkout.postage_fen = 0

    steps.register("b_off", off_300, rank=20, asks=("coupon_id",))
    steps.register("a_postage", free_postage, rank=10)
    with transaction() as s:
        order = service.create_order(s, buyer_id=buyer, lines=[(sku, 2)], now=T0,
                                     asks={"coupon_id": 9})
        amounts = (order.goods_fen, order.discount_fen, order.total_fen)
    assert seen == [("postage", 0), ("off", 0, 9), ("after", True)]
    assert amounts == (2000, 300, 1700)


def test_a_refusing_step_writes_nothing(shop, steps):
    (sku, _), buyer = shop

    def refuse(session, checkout, now):
        raise Refused()

    steps.register("refuse", refuse, rank=10)
    with pytest.raises(Refused), transaction() as s:
        service.create_order(s, buyer_id=buyer, lines=[(sku, 2)], now=T0)
    assert stock_of(sku) == 5
    assert count(Order) == 0


def test_discount_room_stops_at_one_fen_payable(shop, steps):
    (_, sku), buyer = shop
    rooms = []

    def take_all(session, checkout, now):
        rooms.append(checkout.room_fen)
        checkout.discount_fen += checkout.room_fen

    steps.register("all", take_all, rank=10)
    with transaction() as s:
        total = service.create_order(s, buyer_id=buyer, lines=[(sku, 1)], now=T0).total_fen
    assert rooms == [499]
    assert total == pricing.MIN_PAYABLE_FEN == 1


def test_a_step_that_overshoots_is_a_bug_not_a_price(shop, steps):
    (_, sku), buyer = shop

    def overshoot(session, checkout, now):
        checkout.discount_fen += 500

    steps.register("over", overshoot, rank=10)
    with pytest.raises(RuntimeError), transaction() as s:
        service.create_order(s, buyer_id=buyer, lines=[(sku, 1)], now=T0)
    assert count(Order) == 0


def test_an_ask_nobody_reads_is_refused(shop, steps, client, make):
    (sku, _), buyer = shop
    steps.restore({})
    with pytest.raises(UnknownCheckoutOption) as err, transaction() as s:
        service.create_order(s, buyer_id=buyer, lines=[(sku, 1)], now=T0, asks={"points": 100})
    assert err.value.details == {"options": ["points"]}
    resp = client.post("/mp/v1/orders", headers=make.login("buyer"),
                       json={"lines": [{"sku_id": sku, "quantity": 1}], "coupon_id": 3})
    assert resp.status_code == 422
    assert resp.json["error"]["code"] == "unknown_checkout_option"
    assert stock_of(sku) == 5


def test_an_order_priced_at_zero_passes_steps_that_take_nothing(shop, steps):
    """A bargain cut to a 0 floor is priced 0 before any step; a step that
    leaves it alone (a member without a tier) must not break it."""
    (sku, _), buyer = shop
    steps.register("noop", lambda session, checkout, now: None, rank=10)
    with transaction() as s:
        order = service.create_order(s, buyer_id=buyer, lines=[(sku, 1)], now=T0,
                                     prices={sku: 0})
        assert order.total_fen == 0
