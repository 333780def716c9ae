"""Property test on the real database: any sequence of payments, partial
refunds, settlements and withdrawals (approved, rejected, paid, failed)
keeps every ledger transaction at zero sum, the merchant's expense equal
to the commission still owed, and the commission owed on each order never
above the rates applied to its net goods amount."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app import clock
from app.db import transaction
from app.orders.models import Order, OrderLine
from referral import bindings, commission, ledger, payout, settlement, withdrawals
from referral.errors import WithdrawalRefused
from referral.models import Commission, LedgerAccount, LedgerEntry
from referral.settings import save_rules

REFUND_IDS = itertools.count(10**9)
MERCHANTS = itertools.count(1)

LEVEL_BPS = st.lists(st.integers(0, 4000), min_size=1, max_size=3).filter(
    lambda v: sum(v) <= 10_000)
PAY = st.tuples(st.just("pay"), st.lists(st.tuples(st.integers(1, 50_000), st.integers(1, 4)),
                                         min_size=1, max_size=3))
REFUND = st.tuples(st.just("refund"), st.integers(0, 9), st.integers(0, 2),
                   st.integers(1, 200_000))
SETTLE = st.tuples(st.just("settle"), st.integers(0, 9))
WITHDRAW = st.tuples(st.just("withdraw"), st.integers(0, 2), st.integers(1, 20_000),
                     st.sampled_from(["approve", "reject", "pay", "fail", "leave"]))
OPS = st.lists(st.one_of(PAY, REFUND, SETTLE, WITHDRAW), max_size=14)


class World:
    def __init__(self, make, level_bps):
        n = next(MERCHANTS)
        self.merchant_id = make.merchant(f"prop-owner-{n}")
        self.sku_id = make.product(self.merchant_id, skus=((100, 10**6),))[0]
        self.people = [make.user(f"prop-{name}") for name in ("A", "B", "C", "D")]
        self.orders: list[int] = []
        self.refunded: dict[int, int] = {}  # order line -> refunded fen
        self.level_bps = level_bps
        now = clock.now()
        with transaction() as s:
            save_rules(s, self.merchant_id, {"level_bps": tuple(level_bps)}, now)
            for uid in self.people[:3]:
                bindings.join(s, merchant_id=self.merchant_id, user_id=uid, now=now)
            for child, parent in zip(self.people[1:], self.people, strict=False):
                bindings.bind(s, merchant_id=self.merchant_id, user_id=child,
                              referrer_id=parent, via="invite", now=now)

    def pay(self, s, lines):
        now = clock.now()
        goods = sum(p * q for p, q in lines)
        order = Order(buyer_id=self.people[3], merchant_id=self.merchant_id, kind="normal",
                      status="to_ship", goods_fen=goods, postage_fen=0, discount_fen=0,
                      total_fen=goods, pay_deadline=now, created_at=now, paid_at=now)
        s.add(order)
        s.flush()
        product_id = _product(s, self.sku_id)
        s.add_all([OrderLine(order_id=order.id, sku_id=self.sku_id, product_id=product_id,
                             title="t", unit_price_fen=p, quantity=q, amount_fen=p * q)
                   for p, q in lines])
        s.flush()
        s.refresh(order)
        commission.on_paid(s, order, now)
        self.orders.append(order.id)

    def refund(self, s, index, line_index, amount):
        if not self.orders:
            return
        order = s.get(Order, self.orders[index % len(self.orders)])
        line = order.lines[line_index % len(order.lines)]
        amount = min(amount, line.amount_fen - self.refunded.get(line.id, 0))
        if amount <= 0:
            return
        self.refunded[line.id] = self.refunded.get(line.id, 0) + amount
        order.refunded_fen += amount
        if order.refunded_fen == order.total_fen:
            order.status = "refunded"
        commission.on_refunded(s, order, refund_id=next(REFUND_IDS), amount_fen=amount,
                               lines=[{"order_line_id": line.id, "amount_fen": amount}],
                               now=clock.now())

    def settle(self, s, index):
        if self.orders:
            order = s.get(Order, self.orders[index % len(self.orders)])
            if order.status != "refunded":
                order.status = "completed"
            settlement.settle(s, order.id, clock.now())

    def withdraw(self, s, who, amount, then):
        try:
            with s.begin_nested():
                wd, _ = withdrawals.request(s, merchant_id=self.merchant_id,
                                            user_id=self.people[who], amount_fen=amount,
                                            request_key=f"k{next(REFUND_IDS)}", now=clock.now())
        except WithdrawalRefused:
            return
        kw = {"merchant_id": self.merchant_id, "withdrawal_id": wd.id, "staff_id": 1,
              "now": clock.now()}
        if then == "reject":
            withdrawals.reject(s, reason="no", **kw)
        elif then != "leave":
            withdrawals.approve(s, **kw)
            provider = payout.SandboxPayout()
            if then == "fail":
                provider.failing_users.add(self.people[who])
            if then in ("pay", "fail"):
                withdrawals.pay_out(s, wd.id, provider, clock.now())


def _product(s, sku_id):
    from app.catalog.models import Sku

    return s.get(Sku, sku_id).product_id


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(LEVEL_BPS, OPS)
def test_any_sequence_keeps_the_ledger_at_zero_and_commission_within_the_rates(
        make, level_bps, ops):
    world = World(make, level_bps)
    for op, *args in ops:
        with transaction() as s:
            getattr(world, op)(s, *args)
    with transaction() as s:
        assert ledger.unbalanced(s) == []
        assert _merchant_sum(s, world.merchant_id) == 0
        owed_total = 0
        for order_id in world.orders:
            order = s.get(Order, order_id)
            net = order.goods_fen - order.refunded_fen
            for level, bps in enumerate(level_bps, start=1):
                owed = s.scalar(select(func.coalesce(func.sum(Commission.owed_fen), 0)).where(
                    Commission.order_id == order_id, Commission.level == level))
                assert owed * 10_000 <= bps * net
                owed_total += owed
        assert ledger.balance(s, world.merchant_id, "expense") == -owed_total


def _merchant_sum(s, merchant_id):
    return s.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0))
                    .join(LedgerAccount, LedgerAccount.id == LedgerEntry.account_id)
                    .where(LedgerAccount.merchant_id == merchant_id))
