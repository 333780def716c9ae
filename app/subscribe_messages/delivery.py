"""Delivering a queued message, at most once: the job claims it
(pending -> sending, one guarded UPDATE), calls the sender outside any
transaction, then records the outcome.

- sent: done. refused (43101): WeChat holds no subscription of that template
  for the user, so the credit is not given back and the user's other credits
  of the event are set to 0 (our count follows WeChat's).
- error (any other errcode): failed, the credit is given back (WeChat sent
  nothing, so the user's subscription stands).
- retry (network failure, 5xx): tried again after 30 s, then 5 min; after
  the third failed attempt it is failed and the credit is given back.
- A claim older than 10 minutes (the worker died mid-call) is marked
  interrupted: never retried (it may have gone out), credit not given back.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import after_commit
from app.subscribe_messages import triggers
from app.subscribe_messages.models import Message, SubscriptionCredit
from app.subscribe_messages.senders import Outcome, Outgoing
from app.subscribe_messages.service import give_back
from app.subscribe_messages.templates import Target, render

MAX_ATTEMPTS = 3
BACKOFF = (timedelta(seconds=30), timedelta(minutes=5))
STUCK_AFTER = timedelta(minutes=10)


def claim(session: Session, message_id: int, now: datetime,
          templates: dict[str, str]) -> Outgoing | None:
    """pending -> sending; None when someone else has it (or it is done)."""
    claimed = session.execute(
        update(Message).where(Message.id == message_id, Message.status == "pending")
        .values(status="sending", claimed_at=now, attempts=Message.attempts + 1)
        .returning(Message.id).execution_options(synchronize_session=False)).first()
    if claimed is None:
        return None
    msg = session.get(Message, message_id, populate_existing=True)
    openid = session.scalar(select(User.openid).where(User.id == msg.user_id))
    target = Target(msg.target_kind, msg.target_id)
    page, data = render(msg.event, target, json.loads(msg.data))
    return Outgoing(message_id=msg.id, openid=openid, event=msg.event,
                    template_id=templates.get(msg.event), page=page, data=data,
                    attempts=msg.attempts)


def finish(session: Session, out: Outgoing, outcome: Outcome, now: datetime) -> str:
    msg = session.get(Message, out.message_id, populate_existing=True)
    if msg is None or msg.status != "sending":
        return "skipped"  # the sweep gave up on it meanwhile
    msg.sender, msg.errcode = outcome.sender, outcome.errcode
    if outcome.status == "sent":
        msg.status, msg.sent_at = "sent", now
    elif outcome.status == "refused":
        msg.status = "refused"
        session.execute(update(SubscriptionCredit).where(
            SubscriptionCredit.user_id == msg.user_id, SubscriptionCredit.event == msg.event)
            .values(remaining=0, updated_at=now).execution_options(synchronize_session=False))
    elif outcome.status == "retry" and msg.attempts < MAX_ATTEMPTS:
        msg.status, msg.next_at = "pending", now + BACKOFF[msg.attempts - 1]
        _schedule(session, msg.id, msg.attempts + 1, msg.next_at)
    else:
        msg.status = "failed"
        give_back(session, msg.credit_id, now)
    return msg.status


def lost(session: Session, now: datetime, limit: int = 500) -> list[tuple[int, int]]:
    """Pending messages whose delivery job should have run a minute ago:
    (id, next attempt)."""
    return [(mid, attempts + 1) for mid, attempts in session.execute(
        select(Message.id, Message.attempts).where(
            Message.status == "pending", Message.next_at <= now - timedelta(minutes=1))
        .order_by(Message.next_at).limit(limit))]


def interrupt_stuck(session: Session, now: datetime) -> int:
    return session.execute(update(Message).where(
        Message.status == "sending", Message.claimed_at <= now - STUCK_AFTER)
        .values(status="interrupted").execution_options(synchronize_session=False)).rowcount


def _schedule(session: Session, message_id: int, attempt: int, when: datetime) -> None:
    after_commit(session, lambda: triggers.schedule_delivery(message_id, attempt, when))
