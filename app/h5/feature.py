"""The buyers' mobile web app: one page at /h5/ and its static files (it
calls the same /mp/v1 routes as the mini-program)."""

from app.feature import Feature
from app.h5.views import bp

FEATURE = Feature(name="h5", pages=(bp,))
