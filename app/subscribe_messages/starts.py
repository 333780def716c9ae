"""Start reminders: when a sale or a room starts, every user holding a
credit for it gets one message, once. A job runs at the start time (or,
for a room, when the host goes live) and the sweep catches a lost one; the
Announcement row makes a second run send nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import after_commit, insert_ignore
from app.subscribe_messages import triggers
from app.subscribe_messages.models import Announcement, SubscriptionCredit
from app.subscribe_messages.service import send, subscribers
from app.subscribe_messages.templates import START_EVENTS, Target, lookup


def announce_start(session: Session, *, kind: str, target_id: int, now: datetime) -> str:
    """"sent:N", "not_started" (a job is set for the start), "gone" (nothing
    will start: no one is reminded) or "done" (announced before)."""
    event, find = START_EVENTS[kind], lookup(kind)
    info = find(session, target_id, now) if find else None
    if info is None:  # stopped or removed: marked, so the sweep stops asking
        insert_ignore(session, Announcement, event=event, target_kind=kind,
                      target_id=target_id, recipients=0, at=now)
        return "gone"
    if not info.started:
        if info.starts_at is not None and info.starts_at > now:
            when = info.starts_at
            after_commit(session, lambda: triggers.schedule_start(kind, target_id, when))
        return "not_started"
    if not insert_ignore(session, Announcement, event=event, target_kind=kind,
                         target_id=target_id, recipients=0, at=now):
        return "done"
    target = Target(kind, target_id)
    data = {"title": info.title, "starts_at": info.starts_at or now}
    sent = sum(send(session, user_id=uid, event=event, target=target, data=data, now=now,
                    merchant_id=info.merchant_id).status == "queued"
               for uid in subscribers(session, event, target))
    session.execute(update(Announcement).where(
        Announcement.event == event, Announcement.target_kind == kind,
        Announcement.target_id == target_id).values(recipients=sent))
    return f"sent:{sent}"


def unannounced(session: Session, limit: int = 200) -> list[tuple[str, int]]:
    """(kind, id) of sales and rooms someone asked to be reminded of whose
    start has not been announced."""
    out = []
    for kind, event in START_EVENTS.items():
        done = select(Announcement.target_id).where(Announcement.event == event,
                                                    Announcement.target_kind == kind)
        out += [(kind, tid) for tid in session.scalars(
            select(SubscriptionCredit.target_id).distinct().where(
                SubscriptionCredit.event == event, SubscriptionCredit.target_kind == kind,
                SubscriptionCredit.remaining > 0,
                SubscriptionCredit.target_id.not_in(done)).limit(limit))]
    return out
