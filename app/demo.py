"""Demo data for the run command: a merchant, products with SKUs, a few
users. Idempotent: a second run adds nothing. Demo users log in with the
development resolver's codes, e.g. `alice:1`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.service import grant_role
from app.auth.wechat import DevResolver
from app.catalog.models import Merchant
from app.catalog.service import create_merchant, create_product

PEOPLE = ("merchant", "alice", "bob", "carol", "host")

PRODUCTS = [
    ("West Lake Longjing green tea", "Spring harvest, hand-roasted.", "tea",
     [("50 g tin", 6800, 120), ("100 g tin", 12800, 80)]),
    ("Yunnan single-origin coffee beans", "Medium roast, Baoshan.", "coffee",
     [("250 g", 5900, 200), ("500 g", 9900, 100)]),
    ("Hainan mango gift box", "Tainong mangoes, shipped chilled.", "fruit",
     [("2.5 kg", 8800, 60), ("5 kg", 15800, 30)]),
    ("Fuping dried persimmons", "Sun-dried, no sugar added.", "snacks",
     [("500 g", 3990, 300)]),
]


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
    if session.scalar(select(Merchant.id).limit(1)) is not None:
        return False
    merchant = create_merchant(session, name="Demo Tea House", owner_id=users["merchant"].id,
                               now=now)
    grant_role(session, user_id=users["host"].id, role="merchant_operator",
               scope_id=merchant.id, now=now)
    for title, desc, category, skus in PRODUCTS:
        create_product(session, staff_id=users["merchant"].id, merchant_id=merchant.id,
                       now=now, data={"title": title, "description": desc,
                                      "category": category, "status": "on_sale",
                                      "skus": [{"spec": s, "price_fen": p, "stock": n}
                                               for s, p, n in skus]})
    return True
