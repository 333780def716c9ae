"""Subscriptions and sends. A credit is spent by one guarded UPDATE
(`remaining > 0`), so N racing sends against 3 credits send exactly 3; a
message is unique per (user, key), so the same reminder never goes twice;
nothing is queued without a credit. Services never commit: the message goes
to the delivery job after the caller's commit."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select, tuple_, update
from sqlalchemy.orm import Session

from app.clock import CHINA
from app.db import after_commit, insert_ignore
from app.subscribe_messages import errors, triggers
from app.subscribe_messages.models import Message, SubscriptionCredit
from app.subscribe_messages.templates import (
    EVENTS,
    NO_TARGET,
    Target,
    TargetInfo,
    lookup,
    parse_templates,
)


@dataclass(frozen=True)
class Sent:
    status: str  # "queued", "duplicate" (key used already), "no_credit"
    message_id: int | None = None


def configured_templates() -> dict[str, str]:
    return parse_templates(current_app.extensions["mall.settings"].notify_templates)


def resolve_events(accepted: list[str], templates: dict[str, str]) -> list[str]:
    """Template ids (or our event names) -> events; unknown or repeated refused."""
    by_template = {t: e for e, t in templates.items()}
    events: list[str] = []
    for item in accepted:
        event = item if item in EVENTS else by_template.get(item)
        if event is None:
            raise errors.UnknownTemplate(details={"template": item})
        if event in events:
            raise errors.DuplicateTemplate(details={"template": item})
        events.append(event)
    return events


def check_target(session: Session, events: list[str], target: Target,
                 now: datetime) -> TargetInfo | None:
    """A start reminder needs its sale or room, not started yet; any other
    event may be tied to a target of its kind or to none."""
    if not target:
        needing = [e for e in events if EVENTS[e].target_required]
        if needing:
            raise errors.TargetRequired(details={"events": needing})
        return None
    find = lookup(target.kind)
    if find is None:
        raise errors.UnknownTargetKind(details={"kind": target.kind})
    wrong = [e for e in events if target.kind not in EVENTS[e].kinds]
    if wrong:
        raise errors.TargetNotAllowed(details={"events": wrong, "kind": target.kind})
    info = find(session, target.id, now)
    if info is None:
        raise errors.TargetNotFound(details={"kind": target.kind, "id": target.id})
    if info.started and any(EVENTS[e].target_required for e in events):
        raise errors.AlreadyStarted(details={"kind": target.kind, "id": target.id})
    return info


def subscribe(session: Session, *, user_id: int, accepted: list[str],
              target: Target = NO_TARGET, now: datetime,
              templates: dict[str, str] | None = None) -> list[str]:
    """Each accepted template adds one credit for its event (and target)."""
    events = resolve_events(accepted, configured_templates() if templates is None
                            else templates)
    check_target(session, events, target, now)
    for event in events:
        key = _credit_key(user_id, event, target)
        insert_ignore(session, SubscriptionCredit, **key, remaining=0, updated_at=now)
        session.execute(update(SubscriptionCredit).where(*_match(key))
                        .values(remaining=SubscriptionCredit.remaining + 1, updated_at=now)
                        .execution_options(synchronize_session=False))
    return events


def credits_left(session: Session, user_id: int) -> list[SubscriptionCredit]:
    return list(session.scalars(select(SubscriptionCredit).where(
        SubscriptionCredit.user_id == user_id, SubscriptionCredit.remaining > 0)
        .order_by(SubscriptionCredit.event, SubscriptionCredit.target_kind,
                  SubscriptionCredit.target_id)))


def totals(credits: list[SubscriptionCredit]) -> dict[str, int]:
    """What is left per event, every event named (0 when none)."""
    out = dict.fromkeys(EVENTS, 0)
    for credit in credits:
        out[credit.event] += credit.remaining
    return out


def subscribers(session: Session, event: str, target: Target) -> list[int]:
    """Users holding a credit for exactly this target."""
    return list(session.scalars(select(SubscriptionCredit.user_id).where(
        *_match({"event": event, "target_kind": target.kind, "target_id": target.id}),
        SubscriptionCredit.remaining > 0).order_by(SubscriptionCredit.user_id)))


def default_key(event: str, target: Target) -> str:
    return f"{event}:{target.kind}:{target.id}"


def send(session: Session, *, user_id: int, event: str, target: Target = NO_TARGET,
         data: dict, key: str | None = None, now: datetime,
         merchant_id: int | None = None) -> Sent:
    """Spend one credit (the target's, else the event's untargeted one) and
    queue the message under `key` (default: event and target)."""
    if event not in EVENTS:
        raise errors.UnknownTemplate(details={"event": event})
    key = key or default_key(event, target)
    if session.scalar(select(Message.id).where(Message.user_id == user_id,
                                               Message.key == key)) is not None:
        return Sent("duplicate")
    credit_id = _take_credit(session, user_id, event, target, now)
    if credit_id is None:
        return Sent("no_credit")
    if not insert_ignore(session, Message, user_id=user_id, key=key, event=event,
                         target_kind=target.kind, target_id=target.id,
                         merchant_id=merchant_id, credit_id=credit_id,
                         data=json.dumps(_plain(data), sort_keys=True), status="pending",
                         sender="", attempts=0, created_at=now, next_at=now):
        give_back(session, credit_id, now)  # a racing send of the same key won
        return Sent("duplicate")
    message_id = session.scalar(select(Message.id).where(Message.user_id == user_id,
                                                         Message.key == key))
    after_commit(session, lambda: triggers.schedule_delivery(message_id, 1))
    return Sent("queued", message_id)


def send_many(session: Session, *, user_ids: list[int], event: str, target: Target,
              data: dict, key: str | None, now: datetime) -> int:
    """send() to each user who holds a credit it could spend (one read finds
    them: send() gives the others no_credit); returns how many were queued."""
    if user_ids and event not in EVENTS:
        raise errors.UnknownTemplate(details={"event": event})
    holders = _holders(session, user_ids, event, target)
    if not holders:
        return 0
    find = lookup(target.kind) if target else None
    info = find(session, target.id, now) if find else None
    merchant_id = info.merchant_id if info else None
    return sum(send(session, user_id=uid, event=event, target=target, data=data, key=key,
                    now=now, merchant_id=merchant_id).status == "queued"
               for uid in user_ids if uid in holders)


def _holders(session: Session, user_ids: list[int], event: str, target: Target) -> set[int]:
    """Those of the users with a credit left that a message of `event` about
    `target` may spend (the choices _take_credit tries)."""
    if not user_ids:
        return set()
    choices = _choices(event, target)
    return set(session.scalars(select(SubscriptionCredit.user_id).where(
        SubscriptionCredit.user_id.in_(sorted(set(user_ids))),
        SubscriptionCredit.event == event, SubscriptionCredit.remaining > 0,
        tuple_(SubscriptionCredit.target_kind, SubscriptionCredit.target_id)
        .in_([(c.kind, c.id) for c in choices]))))


def give_back(session: Session, credit_id: int, now: datetime) -> None:
    session.execute(update(SubscriptionCredit).where(SubscriptionCredit.id == credit_id)
                    .values(remaining=SubscriptionCredit.remaining + 1, updated_at=now)
                    .execution_options(synchronize_session=False))


def _take_credit(session: Session, user_id: int, event: str, target: Target,
                 now: datetime) -> int | None:
    """The guarded decrement; None when no credit is left for the message."""
    for choice in _choices(event, target):
        taken = session.execute(
            update(SubscriptionCredit)
            .where(*_match(_credit_key(user_id, event, choice)),
                   SubscriptionCredit.remaining > 0)
            .values(remaining=SubscriptionCredit.remaining - 1, updated_at=now)
            .returning(SubscriptionCredit.id)
            .execution_options(synchronize_session=False)).scalar_one_or_none()
        if taken is not None:
            return taken
    return None


def _choices(event: str, target: Target) -> list[Target]:
    """The credits a message may spend, in turn: the target's, then (unless
    the event needs one) the event's untargeted credit."""
    return [target] if not target or EVENTS[event].target_required else [target, NO_TARGET]


def _credit_key(user_id: int, event: str, target: Target) -> dict:
    return {"user_id": user_id, "event": event, "target_kind": target.kind,
            "target_id": target.id}


def _match(key: dict) -> list:
    return [getattr(SubscriptionCredit, name) == value for name, value in key.items()]


def _plain(data: dict) -> dict:
    """JSON-ready: times as the buyer reads them (Beijing time)."""
    return {k: v.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if isinstance(v, datetime)
            else v for k, v in data.items()}


def count_messages(session: Session, **where) -> int:
    return session.scalar(select(func.count()).select_from(Message).filter_by(**where))
