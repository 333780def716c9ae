"""The demo data: every demo buyer has an address, and the demo order
carries a copy of alice's."""

from sqlalchemy import select

from app import clock, demo
from app.addresses.models import Address
from app.auth.models import User
from app.db import transaction
from app.orders.models import Order


def test_demo_buyers_have_an_address_and_the_demo_order_carries_one(app):
    with transaction() as s:
        assert demo.seed(s, clock.now()) is True
    with transaction() as s:
        names = dict(s.execute(select(User.id, User.nickname)).all())
        books = {names[a.user_id]: (a.district, a.is_default)
                 for a in s.scalars(select(Address))}
        (order,) = s.scalars(select(Order)).all()
        assert books == {"alice": ("西湖区", True), "bob": ("徐汇区", True),
                         "carol": ("南山区", True)}
        assert (names[order.buyer_id], order.delivery_kind, order.status) == \
            ("alice", "express", "pending_payment")
        assert order.ship_to == {"recipient": "李爱丽", "phone": "13800138001",
                                 "province": "浙江省", "city": "杭州市", "district": "西湖区",
                                 "region_code": "330106", "detail": "文三路 90 号 3 幢 501 室"}
