"""Segments: tag expressions (expr.py, pure), saved segments, and sends of
an action to a segment's members with progress (sends.py, actions.py)."""
