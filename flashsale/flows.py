"""Flash-sale flows that span Redis, the database and sockets; each owns its
transactions. A grab: the group committer runs the batch's Lua scripts in
one Redis round trip (each takes its units atomically), writes the wins'
orders in one transaction, and only then is the buyer told they won. Redis
follow-ups (confirm, give back) run after the commit; a batch that does not
commit gives its units back through its after-rollback hook (app.db); if
Redis fails there, the reconcile job puts it right from the database."""

from __future__ import annotations

import logging
import math
import time
from datetime import UTC, datetime

import redis
from flask import Flask, current_app
from sqlalchemy import select

from app import clock
from app.db import after_commit, after_rollback, transaction
from app.group_commit import Committer, Pending
from app.queue import enqueue
from flashsale import activities, errors, grabs, keys, push, returns, rules, tokens
from flashsale.engine import Engine, Win
from flashsale.models import FlashActivity, FlashOrder

log = logging.getLogger(__name__)

STALE_S = 5.0  # an ask older than this when its batch comes is not run (503)
WAIT_S = 15.0  # a grab waits this long for its batch (STALE_S + a slow batch)
REBUILD_ASK_TTL_MS = 5000


class Runtime:
    """The engine and the group committer of one app."""

    def __init__(self, app: Flask, engine: Engine):
        self.app, self.engine = app, engine
        self.committer = Committer(self._write, name="flashsale-committer")
        self.tokens = tokens.Tokens(app, engine)
        self.timers_enqueued: dict[int, int] = {}  # sale id -> the last expiry second enqueued

    def grab(self, *, activity_id: int, user_id: int, quantity: int, token: str,
             source: dict) -> grabs.Placed:
        now = clock.now()
        slot = self.committer.submit(grabs.Ask(activity_id, user_id, quantity, token,
                                                 rules.to_ms(now), source, time.monotonic()))
        try:
            result = slot.result(timeout=WAIT_S)
        except Pending as exc:  # the outcome is not known yet
            raise errors.GrabPending(details={"activity_id": activity_id}) from exc
        if isinstance(result, grabs.Refused):
            if result.missing:
                self._closed_or_missing(activity_id, now)
            raise result.error
        return result

    def _closed_or_missing(self, activity_id: int, now) -> None:
        """Redis has no state for the sale: say why if it is over, else ask
        for a rebuild (the caller answers 503, try again). Needs no app
        context from the caller (the grab's lean path has none)."""
        with self.app.app_context():
            with transaction() as session:
                current = activities.phase(activities.get(session, activity_id), now)
            grabs.check_open(current)
            self.ask_rebuild(activity_id)

    def ask_rebuild(self, activity_id: int) -> None:
        if self.engine.redis.set(keys.rebuild_asked(activity_id), 1, nx=True,
                                 px=REBUILD_ASK_TTL_MS):
            enqueue(None, "flashsale.jobs.rebuild", activity_id, queue="promotions",
                    job_id=f"fs-rebuild-{activity_id}")

    def _write(self, asks: list[grabs.Ask]) -> list:
        """One batch: every fresh ask's grab script in one Redis round trip,
        then the wins written in one transaction; one answer per ask."""
        stale = [time.monotonic() - a.queued_at > STALE_S for a in asks]
        fresh = [a for a, old in zip(asks, stale, strict=True) if not old]
        try:
            ran = iter(self.engine.grab_many(fresh) if fresh else [])
        except redis.RedisError:
            log.exception("the grab scripts of %d asks failed", len(fresh))
            ran = iter([None] * len(fresh))
        outcomes = [None if old else next(ran) for old in stale]  # one per ask
        wins = [grabs.Grab(o, a.source, a.queued_at)
                for a, o in zip(asks, outcomes, strict=True) if isinstance(o, Win)]
        results, sold = {}, {}
        if wins:
            committed = False
            try:
                with self.app.app_context(), transaction() as session:
                    # the database is down or refused: every win's units go back
                    after_rollback(session, lambda: self._give_back(wins))
                    results, sold = grabs.write_wins(session, wins, clock.now())
                committed = True
            except Exception:
                log.exception("writing %d flash-sale wins failed", len(wins))
                results, sold = {}, {}
            answers = [results.get(g.key) or errors.Unavailable() for g in wins]
            with self.app.app_context():
                self._after_write(wins, answers, sold, committed)
        return [_answer(outcome, results) for outcome in outcomes]

    def _give_back(self, wins: list[grabs.Grab]) -> None:
        """A batch that did not commit: each win's units out of flight, back
        to the stock (a reply lost here is left to the reconcile job)."""
        for grab in wins:
            try:
                self.engine.abort(grab.win.activity_id, grab.win.grab_no)
            except redis.RedisError:
                log.exception("giving back flash-sale grab %s failed", grab.win.grab_no)

    def _after_write(self, items: list[grabs.Grab], answers: list, sold: dict,
                     committed: bool) -> None:
        placed: dict[int, list[int]] = {}
        aborted: set[int] = set()
        newest: dict[int, grabs.Grab] = {}
        try:
            for grab, answer in zip(items, answers, strict=True):
                aid = grab.win.activity_id
                if aid not in newest or grab.win.grab_no > newest[aid].win.grab_no:
                    newest[aid] = grab
                if isinstance(answer, grabs.Placed):
                    placed.setdefault(aid, []).append(grab.win.grab_no)
                    continue
                if committed:  # refused by the database in a batch that committed
                    self.engine.abort(aid, grab.win.grab_no)
                aborted.add(aid)
                if isinstance(answer, grabs.DRIFT_SIGNS):
                    self.ask_rebuild(aid)  # Redis let through what the database refused
            for aid, nos in placed.items():
                self.engine.confirm(aid, nos)
            _schedule_expiry([a for a in answers if isinstance(a, grabs.Placed)],
                             self.timers_enqueued)
            for aid, grab in newest.items():  # what the newest win saw, unless units came back
                left = self.engine.remaining(aid) if aid in aborted else grab.win.remaining
                push.stock(aid, left, sold.get(aid))
        except Exception:  # the orders are committed: their buyers hear so regardless
            log.exception("flash-sale follow-up failed; reconcile and the sweeps will repair")


def _answer(outcome, results: dict):
    """An ask's answer: its order, its refusal, or unavailable (stale, or
    Redis or the database failed)."""
    if isinstance(outcome, Win):
        return results.get((outcome.activity_id, outcome.grab_no)) or errors.Unavailable()
    if isinstance(outcome, errors.DomainError):
        return grabs.Refused(outcome, missing=isinstance(outcome, errors.StateMissing))
    return errors.Unavailable()


def _schedule_expiry(placed: list[grabs.Placed], scheduled: dict[int, int]) -> None:
    """One timer per sale and deadline second, whatever the batches: a
    process enqueues it once (`scheduled`: each sale's last second it
    enqueued), other processes only overwrite it with the same job. If this
    fails, the orders sweep still expires them."""
    for aid, second in sorted({(p.activity_id, math.ceil(p.pay_deadline.timestamp()))
                               for p in placed}):
        if scheduled.get(aid) == second:
            continue
        enqueue(None, "flashsale.jobs.expire_due", aid, second, queue="promotions",
                job_id=f"fs-expire-{aid}-{second}", at=datetime.fromtimestamp(second, UTC))
        scheduled[aid] = second


def runtime() -> Runtime:
    return current_app.extensions["flashsale"]


def issue_token(*, activity_id: int, user_id: int) -> tuple[str, object]:
    """A grab token for a bearer the caller checked (login_required), through
    the token batch (flashsale/tokens.py)."""
    issued = runtime().tokens.issue(activity_id=activity_id, user_id=user_id)
    return issued.token, issued.expires_at


def load(activity_id: int) -> int:
    """Load (or rebuild) a sale's Redis state from the database; returns the
    units left. Holds the sale's row lock meanwhile, so no batch of wins
    commits between the database read and the Redis write."""
    engine = runtime().engine
    with transaction() as session:
        activity = activities.get(session, activity_id, lock=True)
        args = activities.load_args(session, activity)
        flying = engine.in_flight_nos(activity_id)
        written = list(session.scalars(select(FlashOrder.grab_no).where(
            FlashOrder.activity_id == activity_id, FlashOrder.grab_no.in_(flying)))) \
            if flying else []
        left = engine.load(activity_id, **args, written=sorted(written))
        sold = activity.sold
    push.stock(activity_id, left, sold)
    return left


def load_quietly(activity_id: int) -> None:
    """After a commit: load, and leave a Redis failure to the reconcile job."""
    try:
        load(activity_id)
    except redis.RedisError:
        log.exception("loading flash sale %s into Redis failed; reconcile will", activity_id)


def after_publish(session, activity: FlashActivity) -> None:
    """Once the publishing (or an edit) commits: load Redis, time the end."""
    activity_id = activity.id
    after_commit(session, lambda: load_quietly(activity_id))
    enqueue(session, "flashsale.jobs.settle", activity_id, queue="promotions",
            job_id=f"fs-settle-{activity_id}", at=activity.ends_at)


def after_stop(session, activity: FlashActivity) -> None:
    """Once the stop commits: no more grabs in Redis, watchers told."""
    sold = activity.sold
    after_commit(session, lambda: closed(activity.id, "stopped", sold))


def give_back(back: returns.Returned) -> None:
    """After a cancelled order's commit: its units back into the Redis stock."""
    try:
        left = runtime().engine.give_back(back.activity_id, back.grab_no, back.user_id,
                                          back.quantity)
    except redis.RedisError:
        log.exception("giving back flash units failed; reconcile will")
        return
    if left >= 0:
        push.stock(back.activity_id, left, back.sold)


def closed(activity_id: int, status: str, sold: int | None = None) -> None:
    """After a sale stopped or was settled: no more grabs in Redis."""
    try:
        runtime().engine.close(activity_id, status)
    except redis.RedisError:
        log.exception("closing flash sale %s in Redis failed", activity_id)
    push.stock(activity_id, 0, sold)


def numbers(activity_id: int) -> dict | None:
    """{"remaining", "sold"} of a published sale, None for no sale or a draft."""
    with transaction() as session:
        activity = session.get(FlashActivity, activity_id)
        if activity is None or activity.status == rules.DRAFT:
            return None
        shown = present(activity, clock.now())
    return {"remaining": shown["remaining"], "sold": activity.sold}


def present(activity: FlashActivity, now) -> dict:
    """An activity with its phase, next opening and units left, for the APIs."""
    spans = activities.intervals(activity)
    current = rules.phase(activity.status, spans, now)
    left = None
    if activity.status != rules.DRAFT:
        left = 0 if activity.settled_at or current in (rules.ENDED, rules.STOPPED) \
            else activity.quota - activity.sold
        if left:
            try:
                loaded = runtime().engine.remaining(activity.id)
            except redis.RedisError:
                loaded = None
            left = left if loaded is None else loaded
    return {**{c.key: getattr(activity, c.key) for c in FlashActivity.__table__.columns},
            "slots": [s for s in activity.slots.split(",") if s],
            "phase": current, "remaining": left,
            "next_open_at": rules.next_open(spans, now)}
