"""Demo data for the run command: a merchant, products with SKUs (weights in
grams), a freight template, a few users, each buyer with an address, and
alice's first order (awaiting payment, to her address). Idempotent: a second
run adds nothing. Demo users log in with the development resolver's codes,
e.g. `alice:1`. Staff also sign in to the console with a password (demo
data only): `owner` (the merchant's owner), `admin` (a platform admin) and
`host` (an operator), each with DEMO_PASSWORD.

The template charges by the piece: 8 yuan for the first, 2 yuan for each
more, free from 99 yuan of goods; Xinjiang and Tibet 20 yuan + 5 yuan each
more, free from 199 yuan; Hong Kong, Macao and Taiwan not delivered. Every
product but the tea names it (the tea ships free)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.addresses import book
from app.auth import credentials
from app.auth.models import User
from app.auth.service import grant_role
from app.auth.wechat import DevResolver
from app.catalog.models import Merchant, Sku
from app.catalog.service import create_merchant, create_product
from app.freight import templates as freight
from app.orders.service import create_order

PEOPLE = ("merchant", "alice", "bob", "carol", "host", "admin")
DEMO_PASSWORD = "demo-pass-2026"  # demo data only: never a real deployment's
CONSOLE_LOGINS = {"owner": "merchant", "admin": "admin", "host": "host"}  # login: person

# title, description, category, SKUs (spec, price fen, stock, weight g), charged postage
PRODUCTS = [
    ("West Lake Longjing green tea", "Spring harvest, hand-roasted.", "tea",
     [("50 g tin", 6800, 120, 150), ("100 g tin", 12800, 80, 250)], False),
    ("Yunnan single-origin coffee beans", "Medium roast, Baoshan.", "coffee",
     [("250 g", 5900, 200, 280), ("500 g", 9900, 100, 540)], True),
    ("Hainan mango gift box", "Tainong mangoes, shipped chilled.", "fruit",
     [("2.5 kg", 8800, 60, 2900), ("5 kg", 15800, 30, 5600)], True),
    ("Fuping dried persimmons", "Sun-dried, no sugar added.", "snacks",
     [("500 g", 3990, 300, 540)], True),
]

# each buyer's address: recipient, mobile, district code (GB/T 2260), detail, tag
ADDRESSES = {
    "alice": ("李爱丽", "13800138001", "330106", "文三路 90 号 3 幢 501 室", "家"),
    "bob": ("王博", "13900139002", "310104", "漕溪北路 88 号 12 楼", "公司"),
    "carol": ("陈卡萝", "13700137003", "440305", "科苑路 15 号科兴科学园 B 座", ""),
}

FREIGHT_TEMPLATE = {
    "name": "Standard parcel", "method": "piece",
    "default": {"first_units": 1, "first_fee_fen": 800, "additional_units": 1,
                "additional_fee_fen": 200, "free_over_fen": 9900},
    "groups": [{"regions": ["650000", "540000"], "first_units": 1, "first_fee_fen": 2000,
                "additional_units": 1, "additional_fee_fen": 500, "free_over_fen": 19900}],
    "not_delivered": ["810000", "820000", "710000"],
}


def _user(session: Session, person: str, now: datetime) -> User:
    openid = DevResolver().resolve(person).openid
    user = session.scalar(select(User).where(User.openid == openid))
    if user is None:
        user = User(openid=openid, nickname=person, created_at=now)
        session.add(user)
        session.flush()
    return user


def seed(session: Session, now: datetime) -> bool:
    """Load the demo data; False if it was already there."""
    users = {p: _user(session, p, now) for p in PEOPLE}
    _console_logins(session, users, now)
    if session.scalar(select(Merchant.id).limit(1)) is not None:
        return False
    merchant = create_merchant(session, name="Demo Tea House", owner_id=users["merchant"].id,
                               now=now)
    grant_role(session, user_id=users["host"].id, role="merchant_operator",
               scope_id=merchant.id, now=now)
    template = freight.create(session, merchant.id, FREIGHT_TEMPLATE, now)
    for title, desc, category, skus, charged in PRODUCTS:
        create_product(session, staff_id=users["merchant"].id, merchant_id=merchant.id,
                       now=now, data={"title": title, "description": desc,
                                      "category": category, "status": "on_sale",
                                      "freight_template_id": template.id if charged else None,
                                      "skus": [{"spec": s, "price_fen": p, "stock": n,
                                                "weight_g": g} for s, p, n, g in skus]})
    address_ids = {}
    for person, (recipient, phone, region, detail, tag) in ADDRESSES.items():
        address_ids[person] = book.create(session, user_id=users[person].id, now=now, data={
            "recipient": recipient, "phone": phone, "region_code": region, "detail": detail,
            "tag": tag}).id
    first_sku = merchant_skus(session, merchant.id)[0]
    # unpaid, it times out through the orders sweep (the seed runs before any worker)
    create_order(session, buyer_id=users["alice"].id, lines=[(first_sku, 1)], now=now,
                 address_id=address_ids["alice"])
    return True


def _console_logins(session: Session, users: dict[str, User], now: datetime) -> None:
    """Console passwords for the demo staff, and the platform admin's role
    (each once: a second run leaves them as they are)."""
    grant_role(session, user_id=users["admin"].id, role="platform_admin", now=now)
    for login, person in CONSOLE_LOGINS.items():
        if credentials.find(session, login) is None:
            credentials.set_credentials(session, user_id=users[person].id, login=login,
                                        password=DEMO_PASSWORD, now=now)


def merchant_skus(session: Session, merchant_id: int) -> list[int]:
    return list(session.scalars(select(Sku.id).where(Sku.merchant_id == merchant_id)
                                .order_by(Sku.id)))
