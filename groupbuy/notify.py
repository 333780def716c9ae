"""Telling members what became of their group: a Socket.IO event to each
member's own room, and a subscribe-message hook (WeChat one-time subscribe
messages are sent by whoever installs the hook; the default only logs).
Called after the commit."""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.socketio import socketio, user_room

log = logging.getLogger(__name__)

# hook(user_id, template, data): a one-time subscribe message
SubscribeHook = Callable[[int, str, dict], None]


def _log_hook(user_id: int, template: str, data: dict) -> None:
    log.info("subscribe message %s to user %s: %s", template, user_id, data)


_hook: list[SubscribeHook] = [_log_hook]


def set_hook(hook: SubscribeHook) -> SubscribeHook:
    """Install `hook`; returns the one it replaced."""
    old, _hook[0] = _hook[0], hook
    return old


def members(event: str, user_ids: list[int], data: dict) -> None:
    """`event` ("group_completed", "group_failed") to each member, both ways;
    one member's failure never stops the others."""
    for uid in user_ids:
        try:
            socketio.emit(event, data, to=user_room(uid))
        except Exception:
            log.exception("socket emit to user %s failed", uid)
        try:
            _hook[0](uid, event, data)
        except Exception:
            log.exception("subscribe hook for user %s failed", uid)
