"""Freight: the staff API for templates and the checkout step `freight`
(rank 5, before the member tier's free-shipping perk at rank 10). The check
the catalogue runs before a product names a template is registered by
app/freight/templates.py itself."""

from app.feature import CheckoutStep, Feature
from app.freight import checkout
from app.freight.api import bp

FEATURE = Feature(
    name="freight",
    blueprints=(bp,),
    checkout_steps=(CheckoutStep(checkout.STEP, checkout.freight_step, rank=checkout.RANK),),
    models=("app.freight.models",),
)
