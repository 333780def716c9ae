"""RQ jobs: ids in, idempotent (a claimed message is never claimed twice; a
message key and an announcement are written once), and the sweep."""

from __future__ import annotations

from flask import current_app

from app import clock
from app.db import transaction
from app.redis import client as redis_client
from app.subscribe_messages import delivery, service, starts, triggers
from app.subscribe_messages.senders import sender_for
from app.subscribe_messages.templates import Target


def fan_out(event: str, kind: str, target_id: int, user_ids: list[int], data: dict,
            key: str | None) -> int:
    with transaction() as session:
        return service.send_many(session, user_ids=user_ids, event=event,
                                 target=Target(kind, target_id), data=data, key=key,
                                 now=clock.now())


def start(kind: str, target_id: int) -> str:
    with transaction() as session:
        return starts.announce_start(session, kind=kind, target_id=target_id,
                                     now=clock.now())


def deliver(message_id: int) -> str:
    """Claim, send outside the transaction, record the outcome."""
    templates = service.configured_templates()
    with transaction() as session:
        out = delivery.claim(session, message_id, clock.now(), templates)
    if out is None:
        return "skipped"
    sender = sender_for(current_app.extensions["mall.settings"], redis_client(),
                        out.template_id)
    outcome = sender.send(out)
    with transaction() as session:
        return delivery.finish(session, out, outcome, clock.now())


def sweep() -> dict:
    """Lost deliveries re-queued, stuck ones marked interrupted, starts that
    no job announced announced."""
    now = clock.now()
    with transaction() as session:
        lost = delivery.lost(session, now)
        stuck = delivery.interrupt_stuck(session, now)
        due = starts.unannounced(session)
    for message_id, attempt in lost:
        triggers.schedule_delivery(message_id, attempt)
    announced = [(kind, tid) for kind, tid in due
                 if start(kind, tid).startswith(("sent", "done"))]
    return {"requeued": len(lost), "interrupted": stuck, "announced": len(announced)}
