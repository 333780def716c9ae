"""Reviews: buyers' reviews of received lines, merchants' replies and
moderation, products' review lists and rating summaries."""

from app.feature import Feature
from app.reviews import mp_api, staff_api

FEATURE = Feature(
    name="reviews",
    blueprints=(mp_api.bp, staff_api.bp),
    models=("app.reviews.models",),
)
