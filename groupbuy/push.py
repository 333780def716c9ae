"""Telling members what became of their group: a Socket.IO event to each
member's own room, and a one-time subscribe message through app.subscribe_messages
(sent only to members who subscribed; the hook is replaceable in tests).
Called after the commit, except `almost_full` which defers itself."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.socketio import socketio, user_room
from app.subscribe_messages import triggers
from app.subscribe_messages.templates import Target
from groupbuy import rules
from groupbuy.models import Group, GroupActivity, GroupMember

log = logging.getLogger(__name__)

# hook(user_ids, template, data): a one-time subscribe message to each member
SubscribeHook = Callable[[list[int], str, dict], None]


def _subscribe_message(user_ids: list[int], template: str, data: dict) -> None:
    """One fan-out job for the whole group, not one per member."""
    triggers.announce(template, user_ids=user_ids, target=Target("group", data["group_id"]),
                      data=data)


_hook: list[SubscribeHook] = [_subscribe_message]


def set_hook(hook: SubscribeHook) -> SubscribeHook:
    """Install `hook`; returns the one it replaced."""
    old, _hook[0] = _hook[0], hook
    return old


def members(event: str, user_ids: list[int], data: dict) -> None:
    """`event` ("group_completed", "group_failed") to each member's socket
    room (one member's failure never stops the others), and one subscribe
    message fan-out for them all."""
    for uid in user_ids:
        try:
            socketio.emit(event, data, to=user_room(uid))
        except Exception:
            log.exception("socket emit to user %s failed", uid)
    try:
        _hook[0](list(user_ids), event, data)
    except Exception:
        log.exception("subscribe hook for users %s failed", user_ids)


def almost_full(session: Session, group: Group) -> None:
    """N-1 members have paid: the paid members who subscribed hear of it
    once per group (after the commit)."""
    users = list(session.scalars(select(GroupMember.user_id).where(
        GroupMember.group_id == group.id, GroupMember.status == rules.PAID)))
    title = session.get(GroupActivity, group.activity_id).title
    triggers.announce_after_commit(
        session, "group_almost_full", user_ids=users, target=Target("group", group.id),
        data={"group_id": group.id, "title": title, "paid": group.paid_count,
              "size": group.size})
