"""The worked money example, through the APIs: an order with a coupon,
points and two levels of commission; two partial after-sales (one at a
lower agreed amount), then an exchange, then a return of the rest. Every
balance exact at every step; the commission ledger sums to zero; the coupon
(and the spent points) come back only when the order is wholly refunded.

Chain A <- B <- D (D buys; rates 1000 / 500 bps).
Order: tea 1000 x 4 = 4000, cup 3000 x 1 = 3000; goods 7000; coupon -1000
(amount off over 5000), 500 points (100 a yuan) -500: D pays 5500, postage 0.
The lines' shares of what was paid (the refund path's line_states):
tea 5500 * 4000 // 7000 = 3142, cup 5500 - 3142 = 2358.
Commission on the goods paid, per line (rounded down; the merchant keeps the fen):
  tea: B 3142 * 1000 // 10000 = 314, A 157; cup: B 235, A 117 -> B 549, A 274.

1. refund only, 1 tea before shipping: cap 3142 * 1 // 4 = 785, refunded.
   Commission left on tea (net 3142 - 785 = 2357): B 314 * 2357 // 3142 = 235,
   A 157 * 2357 // 3142 = 117 -> B 470, A 234.
2. return, 1 tea after receipt: cap 3142 * 2 // 4 - 785 = 786; the merchant
   agrees 700. Tea net 3142 - 1485 = 1657: B 314 * 1657 // 3142 = 165,
   A 157 * 1657 // 3142 = 82 -> B 400, A 199.
3. exchange of the cup: a new package, no money, nothing reversed.
4. return of the rest (2 teas, the cup): tea 3142 * 4 // 4 - 1571 = 1571
   (its 86 fen the lower agreement left stay with the merchant), cup 2358:
   3929. Every unit is refunded: the order is `refunded`, the coupon and the
   500 points come back. Tea net 86: B 314 * 86 // 3142 = 8, A 4; cup 0
   -> B 8, A 4 stay owed on the 86 fen the merchant kept.
"""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.db import transaction
from app.payments.models import Payment
from members.points import ledger as points_ledger
from tests.aftersales.conftest import Bought, refunds_of
from tests.coupons.conftest import held
from tests.members.shop import MemberShop
from tests.referral.conftest import ledger_ok, merchant_balance

TEA, CUP = 1000, 3000


def _setup(app, client, make, sandbox):
    shop = MemberShop(app, client, make, sandbox)
    shop.settings()  # redeem 100 points a yuan, up to 50%
    shop.set_rules(level_bps=[1000, 500])
    shop.distributor("A")
    shop.distributor("B", "A")
    assert shop.bind("D", "B").status_code == 200
    shop.login("D")
    with transaction() as s:
        points_ledger.add_points(s, key="seed", merchant_id=shop.merchant_id,
                                 user_id=shop.ids["D"], kind="gift", points=500,
                                 expires_at=clock.now() + timedelta(days=365), now=clock.now())
    assert shop.check_in("D").status_code in (200, 201)  # a member now (+10 points)
    coupons = f"/api/v1/merchants/{shop.merchant_id}/coupons"
    made = client.post(coupons, headers=shop.staff, json={
        "name": "Ten off", "kind": "amount_off", "amount_fen": 1000, "min_spend_fen": 5000,
        "total": 10, "valid_from": clock.now().isoformat(),
        "valid_until": (clock.now() + timedelta(days=30)).isoformat()})
    assert made.status_code == 201, made.json
    assert client.post(f"{coupons}/{made.json['id']}/activate",
                       headers=shop.staff).status_code == 200
    mine = client.post(f"/mp/v1/coupons/{made.json['id']}/claim", headers=shop.login("D"))
    assert mine.status_code == 201, mine.json
    return shop, mine.json["id"]


def test_two_partial_after_sales_an_exchange_and_the_rest(app, client, make, sandbox,
                                                          aftersales):
    shop, coupon = _setup(app, client, make, sandbox)
    aftersales.shop.merchant_id, aftersales.shop.staff = shop.merchant_id, shop.staff
    _, tea = shop.product(TEA, title="Tea")
    _, cup = shop.product(CUP, title="Cup")
    order_id = shop.order("D", [(tea, 4), (cup, 1)], coupon_id=coupon, points=500,
                          address_id=shop.address_of("D"))
    with transaction() as s:
        assert s.get(Payment, _payment_id(s, order_id)).amount_fen == 5500
    bought = Bought(order_id, shop.line_ids(order_id), shop.login("D"))
    assert held(coupon) == ("used", order_id)
    assert shop.points("D") == 10
    assert shop.pending("B", "A") == [549, 274]
    assert merchant_balance(shop.merchant_id, "expense") == -823
    assert ledger_ok() == ([], 0)

    # 1. refund only, one tea, before shipping
    first = aftersales.opened(bought, "refund_only", [(0, 1)], reason="changed_mind")
    assert first["cap_fen"] == 785
    aftersales.staff(first["id"], "approve")
    aftersales.settle()
    assert refunds_of(order_id) == [(f"after-sale-{first['id']}", 785, "succeeded")]
    assert shop.pending("B", "A") == [470, 234]
    assert merchant_balance(shop.merchant_id, "expense") == -704
    assert ledger_ok() == ([], 0)
    assert held(coupon) == ("used", order_id)

    # 2. ship and receive; a return of one tea at a lower agreed amount
    aftersales.ship_all(bought, "SF1000000000001")
    aftersales.receive(bought)
    second = aftersales.opened(bought, "return_refund", [(0, 1)], reason="quality")
    assert second["cap_fen"] == 786
    assert aftersales.staff(second["id"], "approve", amount_fen=700).json["amount_fen"] == 700
    aftersales.buyer(bought, second["id"], "ship", carrier="SF", tracking_no="SF2000000000001")
    aftersales.staff(second["id"], "confirm-receipt", restock=True)
    aftersales.settle()
    assert [r[1] for r in refunds_of(order_id)] == [785, 700]
    assert shop.pending("B", "A") == [400, 199]
    assert merchant_balance(shop.merchant_id, "expense") == -599
    assert ledger_ok() == ([], 0)
    assert held(coupon) == ("used", order_id)

    # 3. an exchange of the cup: a new package, no money
    third = aftersales.opened(bought, "exchange", [(1, 1)], reason="damaged")
    aftersales.staff(third["id"], "approve")
    aftersales.buyer(bought, third["id"], "ship", carrier="SF", tracking_no="SF2000000000002")
    aftersales.staff(third["id"], "confirm-receipt")
    resp = aftersales.staff(third["id"], "ship-exchange", carrier="SF",
                            tracking_no="SF3000000000001")
    assert resp.json["status"] == "exchanged"
    aftersales.settle()
    assert [r[1] for r in refunds_of(order_id)] == [785, 700]
    assert shop.pending("B", "A") == [400, 199]
    assert ledger_ok() == ([], 0)

    # 4. the rest comes back: the order is wholly refunded
    last = aftersales.opened(bought, "return_refund", [(0, 2), (1, 1)], reason="no_reason")
    assert last["cap_fen"] == 3929
    aftersales.staff(last["id"], "approve")
    aftersales.buyer(bought, last["id"], "ship", carrier="SF", tracking_no="SF2000000000003")
    aftersales.staff(last["id"], "confirm-receipt")
    aftersales.settle()
    assert [r[1] for r in refunds_of(order_id)] == [785, 700, 3929]
    order = client.get(f"/mp/v1/orders/{order_id}", headers=bought.headers).json
    assert (order["status"], order["refunded_fen"]) == ("refunded", 5414)
    assert held(coupon)[0] == "unused"
    assert shop.points("D") == 510
    assert shop.pending("B", "A") == [8, 4]
    assert merchant_balance(shop.merchant_id, "expense") == -12
    assert ledger_ok() == ([], 0)
    with transaction() as s:
        assert s.get(Payment, _payment_id(s, order_id)).refunded_fen == 5414


def _payment_id(session, order_id: int) -> int:
    from sqlalchemy import select

    return session.scalar(select(Payment.id).where(Payment.order_id == order_id))
