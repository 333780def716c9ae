"""The catalogue: merchants, products and SKUs (staff API)."""

from app.catalog.api import bp
from app.feature import Feature

FEATURE = Feature(name="catalog", blueprints=(bp,), models=("app.catalog.models",))
