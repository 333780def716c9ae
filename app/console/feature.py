"""The merchant console: the staff web app at /console/ (pages only; it calls
the same /api/v1 routes as any client)."""

from app.console.views import bp
from app.feature import Feature

FEATURE = Feature(name="console", pages=(bp,))
