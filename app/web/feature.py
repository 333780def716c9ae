"""The storefront pages and their static files."""

from app.feature import Feature
from app.web.views import bp

FEATURE = Feature(name="web", pages=(bp,))
