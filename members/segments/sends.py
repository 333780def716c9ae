"""Sending an action to a segment: a job with progress, delivering once.

The actions are a registry filled by the members feature (feature.py):

    action(session, *, merchant_id, user_ids, payload, key_prefix, now)
        -> {user_id: "sent" | "already_sent" | a failure code}

and each action must use f"{key_prefix}:{user_id}" as its own idempotency key.
A send fixes its recipients (the segment's members then) on its first batch,
one row per (send, user). Each batch runs under the send's row lock, takes
the next pending recipients, calls the action and marks them; a re-run or a
second worker finds them no longer pending, and the action's per-recipient
key refuses a repeat anyway. total/done/failed are recounted after each batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db import insert_ignore, paginate
from members.errors import (
    InvalidSendPayload,
    SendKeyReused,
    SendNotFound,
    UnknownSendAction,
)
from members.models import SegmentSend, SendRecipient
from members.segments import segments

Action = Callable[..., dict[int, str]]
ACTIONS: dict[str, tuple[Action, tuple[str, ...]]] = {}
BATCH = 200
DELIVERED = frozenset({"sent", "already_sent"})


def register_action(name: str, action: Action, *, needs: tuple[str, ...] = ()) -> None:
    """`needs`: the payload keys the action cannot do without."""
    ACTIONS[name] = (action, needs)


def get_send(session: Session, merchant_id: int, send_id: int) -> SegmentSend:
    send = session.get(SegmentSend, send_id)
    if send is None or send.merchant_id != merchant_id:
        raise SendNotFound()
    return send


def list_sends(session: Session, merchant_id: int, *, page: int, per_page: int):
    return paginate(session, select(SegmentSend).where(SegmentSend.merchant_id == merchant_id),
                    order_by=SegmentSend.id.desc(), page=page, per_page=per_page)


def create(session: Session, *, merchant_id: int, staff_id: int, data: dict,
           now: datetime) -> tuple[SegmentSend, bool]:
    """A new queued send, or the one this request id made before (False)."""
    if data["action"] not in ACTIONS:
        raise UnknownSendAction(details={"action": data["action"], "known": sorted(ACTIONS)})
    payload = data.get("payload", {})
    missing = [k for k in ACTIONS[data["action"]][1] if k not in payload]
    if missing:
        raise InvalidSendPayload(details={"missing": missing})
    values = {"segment_id": data["segment_id"], "action": data["action"],
              "payload": json.dumps(payload, sort_keys=True)}
    send = _by_key(session, merchant_id, data["request_id"])
    fresh = False
    if send is None:
        segments.get_segment(session, merchant_id, data["segment_id"])
        fresh = insert_ignore(session, SegmentSend, merchant_id=merchant_id,
                              request_key=data["request_id"], status="queued", total=0,
                              done=0, failed=0, created_by=staff_id, created_at=now, **values)
        send = _by_key(session, merchant_id, data["request_id"])
    if any(getattr(send, k) != v for k, v in values.items()):
        raise SendKeyReused(details={"request_id": data["request_id"]})
    return send, fresh


def _by_key(session: Session, merchant_id: int, key: str) -> SegmentSend | None:
    return session.scalar(select(SegmentSend).where(SegmentSend.merchant_id == merchant_id,
                                                    SegmentSend.request_key == key))


def run_batch(session: Session, send_id: int, now: datetime, size: int | None = None) -> bool:
    """Deliver the next batch; False once the send is done."""
    send = session.scalars(select(SegmentSend).where(SegmentSend.id == send_id)
                           .with_for_update().execution_options(populate_existing=True)
                           ).one_or_none()
    if send is None or send.status == "done":
        return False
    if send.status == "queued":
        _fix_recipients(session, send)
    pending = list(session.scalars(select(SendRecipient.user_id).where(
        SendRecipient.send_id == send.id, SendRecipient.status == "pending")
        .order_by(SendRecipient.user_id).limit(size or BATCH)))
    if pending:
        action, _ = ACTIONS[send.action]
        outcome = action(session, merchant_id=send.merchant_id, user_ids=pending,
                         payload=json.loads(send.payload), key_prefix=f"mem-send-{send.id}",
                         now=now)
        for user_id in pending:
            result = outcome.get(user_id, "no_outcome")
            session.execute(update(SendRecipient).where(
                SendRecipient.send_id == send.id, SendRecipient.user_id == user_id,
                SendRecipient.status == "pending").values(
                status="sent" if result in DELIVERED else "failed", outcome=result[:40]))
    _recount(session, send, now)
    return send.status != "done"


def _fix_recipients(session: Session, send: SegmentSend) -> None:
    segment = session.get(segments.Segment, send.segment_id)
    users = set() if segment is None else segments.members_of(
        session, send.merchant_id, segments.parse_checked(session, send.merchant_id,
                                                          segment.expr))
    for user_id in sorted(users):
        insert_ignore(session, SendRecipient, send_id=send.id, user_id=user_id,
                      status="pending", outcome="")
    send.status = "running"


def _recount(session: Session, send: SegmentSend, now: datetime) -> None:
    counts = dict(session.execute(select(SendRecipient.status, func.count())
                                  .where(SendRecipient.send_id == send.id)
                                  .group_by(SendRecipient.status)).all())
    send.total = sum(counts.values())
    send.done, send.failed = counts.get("sent", 0), counts.get("failed", 0)
    if not counts.get("pending"):
        send.status, send.finished_at = "done", now
    session.flush()


def unfinished(session: Session, limit: int = 100) -> list[int]:
    return list(session.scalars(select(SegmentSend.id).where(SegmentSend.status != "done")
                                .order_by(SegmentSend.id).limit(limit)))
