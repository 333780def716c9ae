"""Helping a bargain, a batch at a time (one help is a batch of one).
Refused: self-help, a second help, a closed, expired or finished bargain,
and help past the caps (per helper per activity, per helper and per sharer
per China day). Every help is scored (account age, device and IP repeats:
rules.help_risk) and records its score and reasons; a risky one, by the
activity's setting, takes a reduced share of the next cut (the rest stays
for later helpers) or is refused (risky_help_refused).

In one transaction: the batch's rows locked and counted (help_reads.py);
each help checked in order, helps of one helper, sharer, device or IP in
the batch counting against each other as if they came one by one; the
admitted helps' cut scripts in one Redis round trip; the help rows
inserted with executemany and each bargain's price lowered once by its
cuts. Every cut taken goes back if the transaction does not commit. A help
refused by its script after its batch-mates were checked still counted
against them (a cap may then refuse one more than needed, never one less)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import redis
from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from app.db import after_rollback
from app.errors import DomainError
from groupbuy import rules
from groupbuy.engine import Engine, StateMissing
from groupbuy.errors import (
    AlreadyHelped,
    BargainAtFloor,
    BargainClosed,
    BargainExpired,
    BargainNotFound,
    DailyHelpLimitReached,
    HelpLimitReached,
    RiskyHelpRefused,
    SelfHelp,
    SharerDailyLimitReached,
    StateUnavailable,
)
from groupbuy.help_reads import Seen, read
from groupbuy.models import Bargain, BargainHelp
from groupbuy.recovery import load_bargain

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Helper:
    """Who helps, and from where (the request's IP and device id, if any)."""

    user_id: int
    ip: str | None = None
    device_id: str | None = None


@dataclass(frozen=True)
class Helped:
    cut_fen: int
    price_fen: int
    risk: rules.Risk
    reduced: bool  # risky: it took a reduced share of its cut


@dataclass
class _Take:
    index: int  # the ask's place in the batch
    bargain: object
    helper: Helper
    bps: int
    risk: rules.Risk
    risky: bool
    got: tuple | Exception | None = None  # (taken, head, left), or why not


def help_cut(session: Session, engine: Engine, *, bargain_id: int,
             helper: Helper, now: datetime) -> Helped:
    """One help: a batch of one; its refusal raised."""
    (out,) = help_many(session, engine, [(bargain_id, helper)], now)
    if isinstance(out, Exception):
        raise out
    return out


def help_many(session: Session, engine: Engine, asks: list[tuple[int, Helper]],
              now: datetime) -> list[Helped | DomainError]:
    """Each (bargain id, Helper) helped or refused, in order."""
    day = rules.help_day(now)
    seen = read(session, asks, day)
    answers: list = [None] * len(asks)
    takes = []
    for i, (bid, helper) in enumerate(asks):
        try:
            takes.append(_admit(seen, i, bid, helper, now))
        except DomainError as exc:
            answers[i] = exc
    if takes:
        _take(session, engine, takes, now)
        _write(session, [t for t in takes if isinstance(t.got, tuple)], day, now, answers)
        for t in takes:
            if not isinstance(t.got, tuple):
                answers[t.index] = t.got
    return answers


def _admit(seen: Seen, index: int, bid: int, helper: Helper, now: datetime) -> _Take:
    """Check one help against what the database and the batch so far hold;
    admitted, it counts for the helps after it."""
    bargain, uid = seen.bargains.get(bid), helper.user_id
    if bargain is None:
        raise BargainNotFound()
    if bargain.starter_id == uid:
        raise SelfHelp()
    if (bid, uid) in seen.helped:
        raise AlreadyHelped()  # the cut script refuses it too
    if bargain.status != rules.ACTIVE:
        raise BargainClosed()
    if now >= bargain.expires_at:
        raise BargainExpired()
    if bargain.price_fen <= bargain.floor_price_fen:
        raise BargainAtFloor()
    act = seen.activities[bargain.activity_id]
    if seen.per_activity[(act.id, uid)] >= act.help_limit:
        raise HelpLimitReached(details={"limit": act.help_limit})
    if seen.helper_day[uid] >= act.daily_help_limit:
        raise DailyHelpLimitReached(details={"limit": act.daily_help_limit})
    if seen.sharer_day[bargain.starter_id] >= act.sharer_daily_help_limit:
        raise SharerDailyLimitReached(details={"limit": act.sharer_daily_help_limit})
    risk = rules.help_risk(_signals(seen, bid, helper, now), act.min_account_age_s)
    risky = rules.is_risky(risk.score, act.risk_threshold)
    if risky and act.risk_action == rules.REFUSE:
        raise RiskyHelpRefused(details={"score": risk.score, "reasons": list(risk.reasons)})
    _count(seen, bargain, act.id, helper)
    return _Take(index, bargain, helper, rules.share_bps(risky, act.risky_cut_bps), risk,
                 risky)


def _signals(seen: Seen, bid: int, helper: Helper, now: datetime) -> rules.HelpSignals:
    """The facts the risk score reads, from the helps recorded so far."""
    device, ip = helper.device_id, helper.ip
    return rules.HelpSignals(
        account_age_s=int((now - seen.created[helper.user_id]).total_seconds()),
        has_device=device is not None,
        device_helps=seen.device_on[(bid, device)] if device else 0,
        ip_helps=seen.ip_on[(bid, ip)] if ip else 0,
        device_accounts=len(seen.device_users.get(device, set()) - {helper.user_id})
        if device else 0)


def _count(seen: Seen, bargain, activity_id: int, helper: Helper) -> None:
    uid = helper.user_id
    seen.helped.add((bargain.id, uid))
    seen.per_activity[(activity_id, uid)] += 1
    seen.helper_day[uid] += 1
    seen.sharer_day[bargain.starter_id] += 1
    if helper.device_id:
        seen.device_on[(bargain.id, helper.device_id)] += 1
        seen.device_users.setdefault(helper.device_id, set()).add(uid)
    if helper.ip:
        seen.ip_on[(bargain.id, helper.ip)] += 1


def _take(session: Session, engine: Engine, takes: list[_Take], now: datetime) -> None:
    """The admitted helps' cut scripts in one round trip; a bargain whose
    state Redis lost is rebuilt from the database (under its row lock) and
    its helps taken once more, unless one of them already took a cut (503
    state_unavailable: never a cut offered twice). Every cut taken goes back
    if the transaction does not commit."""
    after_rollback(session, lambda: _give_back(engine, takes))
    try:
        outcomes = engine.take_cuts([(t.bargain.id, t.helper.user_id, now, t.bps)
                                     for t in takes])
    except redis.RedisError as exc:  # replies unknown: Redis is put back from the database
        log.exception("the cut scripts of %d helps failed", len(takes))
        outcomes = [exc] * len(takes)
    for t, got in zip(takes, outcomes, strict=True):
        t.got = got
    took = {t.bargain.id for t in takes if isinstance(t.got, tuple)}
    lost = {t.bargain.id: t.bargain for t in takes
            if isinstance(t.got, redis.RedisError) and t.bargain.id not in took}
    for bid, bargain in lost.items():
        try:
            load_bargain(session, engine, bargain, now, heal=False)
        except redis.RedisError:
            log.exception("bargain %s not rebuilt after a failed cut script", bid)
    healed: set[int] = set()
    for t in takes:
        if isinstance(t.got, StateMissing) and t.bargain.id not in took | lost.keys():
            t.got = _again(session, engine, t, now, healed)
        elif isinstance(t.got, StateMissing | redis.RedisError):
            t.got = StateUnavailable()


def _again(session: Session, engine: Engine, t: _Take, now: datetime, healed: set[int]):
    """One help whose bargain Redis lost: rebuilt once, then taken alone."""
    try:
        if t.bargain.id not in healed:
            load_bargain(session, engine, t.bargain, now)
            healed.add(t.bargain.id)
        return engine.take_cut(t.bargain.id, t.helper.user_id, now, t.bps)
    except StateMissing:
        return StateUnavailable()
    except DomainError as exc:
        return exc
    except redis.RedisError:
        log.exception("a help's cut script failed")
        return StateUnavailable()


def _give_back(engine: Engine, takes: list[_Take]) -> None:
    """The batch did not commit: each cut taken back, the last first."""
    for t in reversed(takes):
        if isinstance(t.got, tuple):
            taken, head, _ = t.got
            engine.give_back_cut(t.bargain.id, t.helper.user_id, taken, emptied=taken == head)


_LOWER = (Bargain.__table__.c.id == bindparam("b_id"))


def _write(session: Session, done: list[_Take], day: str, now: datetime,
           answers: list) -> None:
    """The help rows in one executemany, each bargain's price lowered once
    by its cuts; each help answered with the price after it."""
    if not done:
        return
    price = {t.bargain.id: t.bargain.price_fen for t in done}
    cut: dict[int, list[int]] = {}
    rows = []
    for t in done:
        taken, head, _ = t.got
        b, h = t.bargain, t.helper
        rows.append({"bargain_id": b.id, "activity_id": b.activity_id, "helper_id": h.user_id,
                     "starter_id": b.starter_id, "cut_fen": taken, "head_fen": head,
                     "day": day, "at": now, "ip": h.ip, "device_id": h.device_id,
                     "risk_score": t.risk.score, "risk_reasons": ",".join(t.risk.reasons),
                     "risky": t.risky})
        cut.setdefault(b.id, []).append(taken)
        price[b.id] -= taken
        answers[t.index] = Helped(taken, price[b.id], t.risk, reduced=taken < head)
    conn = session.connection()
    conn.execute(insert(BargainHelp.__table__), rows)
    table = Bargain.__table__
    conn.execute(
        update(table).where(_LOWER).values(price_fen=table.c.price_fen - bindparam("taken"),
                                           helps_count=table.c.helps_count + bindparam("n")),
        [{"b_id": bid, "taken": sum(cuts), "n": len(cuts)} for bid, cuts in sorted(cut.items())])
