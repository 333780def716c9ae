"""Freight: the staff API for templates, the checkout step `freight` (rank 5,
before the member tier's free-shipping perk at rank 10), and the check the
catalogue runs before a product names a template."""

from flask import Flask

from app.catalog import references
from app.feature import CheckoutStep, Feature
from app.freight import checkout, templates
from app.freight.api import bp


def setup(_app: Flask) -> None:
    references.register("freight_template_id", templates.check_owned)


FEATURE = Feature(
    name="freight",
    setup=setup,
    blueprints=(bp,),
    checkout_steps=(CheckoutStep(checkout.STEP, checkout.freight_step, rank=checkout.RANK),),
    models=("app.freight.models",),
)
