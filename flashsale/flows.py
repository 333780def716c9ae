"""Flash-sale flows that span Redis, the database and sockets; each owns its
transactions. A grab: the Lua script takes the units in Redis, the group
committer writes the order, and only then is the buyer told they won. Redis
follow-ups (confirm, give back) run after the commit; if Redis fails there,
the reconcile job puts it right from the database."""

from __future__ import annotations

import logging
import time
from concurrent.futures import TimeoutError as FutureTimeout

import redis
from flask import Flask, current_app

from app import clock
from app.db import transaction
from app.orders import jobs as order_jobs
from flashsale import activities, errors, events, grabs, returns, rules
from flashsale.committer import Committer
from flashsale.engine import Engine
from flashsale.models import FlashActivity

log = logging.getLogger(__name__)

WAIT_S = 10.0  # a grab waits this long for its batch
STALE_S = 5.0  # a win older than this when its batch comes is given back, not written
REBUILD_ASK_TTL_MS = 5000


class Runtime:
    """The engine and the group committer of one app."""

    def __init__(self, app: Flask, engine: Engine):
        self.app, self.engine = app, engine
        self.committer = Committer(self._write)

    def grab(self, *, activity_id: int, user_id: int, quantity: int, token: str,
             source: dict) -> grabs.Placed:
        now = clock.now()
        try:
            win = self.engine.grab(activity_id, user_id, quantity, token, rules.to_ms(now))
        except redis.RedisError as exc:
            raise errors.Unavailable() from exc
        except errors.Unavailable:
            self._closed_or_missing(activity_id, now)
            raise
        future = self.committer.submit(grabs.Grab(win, source, time.monotonic()))
        try:
            placed = future.result(timeout=WAIT_S)
        except FutureTimeout as exc:  # the batch will give the win back (STALE_S)
            raise errors.Unavailable() from exc
        return placed

    def _closed_or_missing(self, activity_id: int, now) -> None:
        """Redis has no state for the sale: say why if it is over, else ask
        for a rebuild (the caller answers 503, try again)."""
        with transaction() as session:
            activity = activities.get(session, activity_id)
            current = activities.phase(activity, now)
        grabs.check_open(current)
        self.ask_rebuild(activity_id)

    def ask_rebuild(self, activity_id: int) -> None:
        from flashsale import jobs  # jobs import this module

        if self.engine.redis.set(f"fs:rebuild-asked:{activity_id}", 1, nx=True,
                                 px=REBUILD_ASK_TTL_MS):
            jobs.enqueue_rebuild(activity_id)

    def _write(self, items: list[grabs.Grab]) -> list:
        fresh = [g for g in items if time.monotonic() - g.queued_at <= STALE_S]
        results: dict = {}
        try:
            with self.app.app_context(), transaction() as session:
                results = grabs.write_wins(session, fresh, clock.now())
        except Exception:  # the database is down or refused: every win goes back
            log.exception("writing %d flash-sale wins failed", len(fresh))
            results = {}
        answers = [results.get(g.key) or errors.Unavailable() for g in items]
        with self.app.app_context():
            self._after_write(items, answers)
        return answers

    def _after_write(self, items: list[grabs.Grab], answers: list) -> None:
        placed: dict[int, list[int]] = {}
        drifted: set[int] = set()
        try:
            for grab, answer in zip(items, answers, strict=True):
                aid = grab.win.activity_id
                if isinstance(answer, grabs.Placed):
                    placed.setdefault(aid, []).append(grab.win.grab_no)
                    continue
                self.engine.abort(aid, grab.win.grab_no)
                if isinstance(answer, errors.SoldOut | errors.LimitReached):
                    drifted.add(aid)  # Redis let through what the database refused
            for aid, nos in placed.items():
                self.engine.confirm(aid, nos)
            _schedule_expiry([a for a in answers if isinstance(a, grabs.Placed)])
            for aid in drifted:
                self.ask_rebuild(aid)
            for aid in {g.win.activity_id for g in items}:
                events.push_stock(aid, self.engine.remaining(aid))
        except redis.RedisError:
            log.exception("flash-sale follow-up in Redis failed; reconcile will repair")


def _schedule_expiry(placed: list[grabs.Placed]) -> None:
    """One timer per batch and sale: its orders share their deadline. If this
    fails, the orders sweep still expires them."""
    by_sale: dict[int, list[grabs.Placed]] = {}
    for p in placed:
        by_sale.setdefault(p.activity_id, []).append(p)
    for aid, batch in by_sale.items():
        order_jobs.schedule_expiry_batch([p.order_id for p in batch], batch[0].pay_deadline,
                                         key=f"fs-{aid}-{batch[0].grab_no}")


def runtime() -> Runtime:
    return current_app.extensions["flashsale"]


def issue_token(*, activity_id: int, user_id: int) -> tuple[str, object]:
    with transaction() as session:
        try:
            return grabs.issue_token(session, runtime().engine, activity_id=activity_id,
                                     user_id=user_id, now=clock.now())
        except redis.RedisError as exc:
            raise errors.Unavailable() from exc


def load(activity_id: int) -> int:
    """Load (or rebuild) a sale's Redis state from the database alone; returns
    the remaining stock. Safe at any time: the database's guarded write
    refuses any win a stale Redis let through."""
    with transaction() as session:
        activity = activities.get(session, activity_id)
        args = activities.load_args(session, activity)
    runtime().engine.load(activity_id, **args)
    events.push_stock(activity_id, args["remaining"])
    return args["remaining"]


def load_quietly(activity_id: int) -> None:
    """After a commit: load, and leave a Redis failure to the reconcile job."""
    try:
        load(activity_id)
    except redis.RedisError:
        log.exception("loading flash sale %s into Redis failed; reconcile will", activity_id)


def give_back(back: returns.Returned) -> None:
    """After a cancelled order's commit: its units back into the Redis stock."""
    try:
        left = runtime().engine.give_back(back.activity_id, back.grab_no, back.user_id,
                                          back.quantity)
    except redis.RedisError:
        log.exception("giving back flash units failed; reconcile will")
        return
    if left >= 0:
        events.push_stock(back.activity_id, left)


def closed(activity_id: int) -> None:
    """After a sale stopped or was settled: no more grabs in Redis."""
    try:
        runtime().engine.stop(activity_id)
    except redis.RedisError:
        log.exception("stopping flash sale %s in Redis failed", activity_id)
    events.push_stock(activity_id, 0)


def remaining(activity_id: int) -> int | None:
    """Units left (Redis when loaded, else the database); None for no sale."""
    with transaction() as session:
        activity = session.get(FlashActivity, activity_id)
        if activity is None or activity.status == rules.DRAFT:
            return None
        left = activity.quota - activity.sold
    try:
        loaded = runtime().engine.remaining(activity_id)
    except redis.RedisError:
        loaded = None
    return left if loaded is None else loaded


def present(activity: FlashActivity, now) -> dict:
    """An activity with its phase, next opening and units left, for the APIs."""
    spans = activities.intervals(activity)
    left = None
    if activity.status != rules.DRAFT:
        left = 0 if activity.settled_at else activity.quota - activity.sold
        if not activity.settled_at:
            try:
                loaded = runtime().engine.remaining(activity.id)
            except redis.RedisError:
                loaded = None
            left = left if loaded is None else loaded
    return {**{c.key: getattr(activity, c.key) for c in FlashActivity.__table__.columns},
            "slots": [s for s in activity.slots.split(",") if s],
            "phase": rules.phase(activity.status, spans, now), "remaining": left,
            "next_open_at": rules.next_open(spans, now)}
