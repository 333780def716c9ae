"""Every model, imported in one place so Alembic sees the whole metadata."""

from app.auth.models import RoleGrant, User
from app.catalog.models import Merchant, Product, Sku
from app.db import Base
from app.orders.models import Order, OrderLine

__all__ = ["Base", "Merchant", "Order", "OrderLine", "Product", "RoleGrant", "Sku", "User"]
