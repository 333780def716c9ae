"""Shipping: packages (split and batch shipping) and the carrier list; a
refund that takes the last units still to ship finishes the shipment."""

from app.feature import Feature
from app.orders.holdings import Holding
from app.shipping import service
from app.shipping.api import bp, carriers_bp

FEATURE = Feature(
    name="shipping",
    blueprints=(bp, carriers_bp),
    holdings=(Holding("shipping: units left to ship", refunded=service.on_refunded),),
    models=("app.shipping.models",),
)
