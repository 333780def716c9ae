"""Every model, imported in one place so Alembic sees the whole metadata."""

from app.auth.models import RoleGrant, User
from app.catalog.models import Merchant, Product, Sku
from app.coupons.models import Coupon, UserCoupon
from app.db import Base
from app.notify.models import Announcement, Message, SubscriptionCredit
from app.orders.models import Order, OrderLine
from app.payments.models import (
    Payment,
    PaymentAnomaly,
    PaymentIntent,
    PaymentNotice,
    Refund,
    RefundLine,
)
from app.sharing.models import Share

__all__ = ["Announcement", "Base", "Coupon", "Merchant", "Message", "Order", "OrderLine",
           "Payment", "PaymentAnomaly", "PaymentIntent", "PaymentNotice", "Product", "Refund",
           "RefundLine", "RoleGrant", "Share", "Sku", "SubscriptionCredit", "User", "UserCoupon"]
