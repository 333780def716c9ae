"""The dashboard: one staff route, no tables of its own (it reads orders)."""

from app.dashboard.api import bp
from app.feature import Feature

FEATURE = Feature(name="dashboard", blueprints=(bp,))
