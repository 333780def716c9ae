"""Redis is not the truth. Reconcile puts each unsettled sale right from the
database: settle a sale that is over, rebuild a state Redis lost, resolve
wins stuck in flight (a process died between Redis and the database), and
rebuild when Redis and the database disagree, reporting the drift. Every
comparison and repair holds the sale's row lock, so no batch of wins
commits halfway through it."""

from __future__ import annotations

import logging

from sqlalchemy import select

from app import clock
from app.db import after_commit, transaction
from flashsale import activities, flows, returns, rules
from flashsale.models import FlashOrder

log = logging.getLogger(__name__)

STUCK_MS = 30_000  # a win in flight this long was dropped by its process
SETTINGS = ("status", "per_user", "per_order", "quota", "intervals_ms")  # of load_args


def settle(activity_id: int) -> int | None:
    """Give an ended or stopped sale's unsold quota back to the SKU, once."""
    with transaction() as session:
        leftover = returns.settle(session, activity_id=activity_id, now=clock.now())
        if leftover is not None:
            activity = activities.get(session, activity_id)
            status, sold = activity.status, activity.sold
            after_commit(session, lambda: flows.closed(
                activity_id, "stopped" if status == rules.STOPPED else "ended", sold))
    return leftover


def reconcile(activity_id: int) -> dict:
    """One sale; returns what was done: {"settled": n} / {"rebuilt": reason, ...}."""
    now = clock.now()
    with transaction() as session:
        current = activities.phase(activities.get(session, activity_id), now)
    if current in (rules.ENDED, rules.STOPPED):
        leftover = settle(activity_id)
        return {} if leftover is None else {"settled": leftover}
    if flows.runtime().engine.read(activity_id) is None:
        flows.load(activity_id)
        return {"rebuilt": "missing"}
    resolved = _resolve_stuck(activity_id, rules.to_ms(now))
    report = {"stuck_resolved": resolved} if resolved else {}
    drift = _drift(activity_id)
    if drift:
        log.warning("flash sale %s drifted from the database: %s", activity_id, drift)
        flows.load(activity_id)
        report.update(rebuilt="drift", drift=drift)
    return report


def _written(session, activity_id: int, grab_nos) -> set[int]:
    if not grab_nos:
        return set()
    return set(session.scalars(select(FlashOrder.grab_no).where(
        FlashOrder.activity_id == activity_id, FlashOrder.grab_no.in_(list(grab_nos)))))


def _resolve_stuck(activity_id: int, now_ms: int) -> int:
    engine = flows.runtime().engine
    with transaction() as session:
        activities.get(session, activity_id, lock=True)
        state = engine.read(activity_id)
        stuck = {no for no, rec in (state.in_flight if state else {}).items()
                 if now_ms - rec[2] >= STUCK_MS}
        written = _written(session, activity_id, stuck)
        engine.confirm(activity_id, sorted(written))
        for no in sorted(stuck - written):
            engine.abort(activity_id, no)
    return len(stuck)


def _drift(activity_id: int) -> dict:
    """Redis against the database plus the wins in flight that the database
    does not hold yet; {} when they agree."""
    engine = flows.runtime().engine
    with transaction() as session:
        activity = activities.get(session, activity_id, lock=True)
        state = engine.read(activity_id)
        if state is None:
            return {"missing": True}
        expected = activities.load_args(session, activity)
        written = _written(session, activity_id, state.in_flight)
    users, left = expected["users"], expected["remaining"]
    for no, (uid, qty, _) in state.in_flight.items():
        if no not in written:
            left -= qty
            users[uid] = users.get(uid, 0) + qty
    drift = {}
    if state.remaining != max(0, left):
        drift["remaining"] = {"redis": state.remaining, "database": max(0, left)}
    wrong = sorted(uid for uid in set(users) | set(state.users)
                   if users.get(uid, 0) != state.users.get(uid, 0))
    if wrong:
        drift["users"] = {"count": len(wrong), "first": wrong[:10]}
    loaded = {"status": state.status, "per_user": state.per_user, "per_order": state.per_order,
              "quota": state.quota, "intervals_ms": state.intervals_ms}
    changed = [name for name in SETTINGS if loaded[name] != expected[name]]
    if changed:
        drift["settings"] = changed
    return drift


def unsettled_ids() -> list[int]:
    with transaction() as session:
        return returns.unsettled(session)


def sweep() -> dict[int, dict]:
    """Every unsettled sale, each on its own; one failure never stops the rest."""
    report = {}
    for activity_id in unsettled_ids():
        try:
            done = reconcile(activity_id)
        except Exception as exc:
            log.exception("reconciling flash sale %s failed", activity_id)
            done = {"error": type(exc).__name__}
        if done:
            report[activity_id] = done
    return report


def startup_check() -> list[int]:
    """At start: rebuild every running sale whose Redis state is missing."""
    engine, rebuilt = flows.runtime().engine, []
    for activity_id in unsettled_ids():
        if engine.read(activity_id) is None:
            flows.load(activity_id)
            rebuilt.append(activity_id)
    return rebuilt
