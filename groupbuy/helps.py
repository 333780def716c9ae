"""Helping a bargain. Refused: self-help, a second help, a closed, expired
or finished bargain, and help past the caps (per helper per activity, per
helper and per sharer per China day). Every help is scored (account age,
device and IP repeats: rules.help_risk) and records its score and reasons;
a risky one, by the activity's setting, takes a reduced share of the next
cut (the rest stays for later helpers) or is refused (risky_help_refused).
The cut is taken by one Lua script; the price falls by an atomic UPDATE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func, select, update
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import after_rollback
from groupbuy import rules
from groupbuy.engine import Engine
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
)
from groupbuy.models import Bargain, BargainActivity, BargainHelp
from groupbuy.recovery import healed, load_bargain


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


def _count(session: Session, *where) -> int:
    return session.scalar(select(func.count()).select_from(BargainHelp).where(*where))


def _lock(session: Session, bargain_id: int, user_ids: set[int]) -> Bargain:
    """The bargain's row, then the users' rows in id order: helps of one
    bargain, and of one helper or sharer, queue, so the caps count exactly."""
    bargain = session.scalars(select(Bargain).where(Bargain.id == bargain_id)
                              .with_for_update()
                              .execution_options(populate_existing=True)).one_or_none()
    if bargain is None:
        raise BargainNotFound()
    session.execute(select(User.id).where(User.id.in_(user_ids | {bargain.starter_id}))
                    .order_by(User.id).with_for_update())
    return bargain


def _check_open(session: Session, bargain: Bargain, helper_id: int, now: datetime) -> None:
    if bargain.starter_id == helper_id:
        raise SelfHelp()
    if _count(session, BargainHelp.bargain_id == bargain.id,
              BargainHelp.helper_id == helper_id):
        raise AlreadyHelped()  # the cut script refuses it too
    if bargain.status != rules.ACTIVE:
        raise BargainClosed()
    if now >= bargain.expires_at:
        raise BargainExpired()
    if bargain.price_fen <= bargain.floor_price_fen:
        raise BargainAtFloor()


def _check_caps(session: Session, act: BargainActivity, bargain: Bargain, helper_id: int,
                day: str) -> None:
    if _count(session, BargainHelp.activity_id == act.id,
              BargainHelp.helper_id == helper_id) >= act.help_limit:
        raise HelpLimitReached(details={"limit": act.help_limit})
    if _count(session, BargainHelp.helper_id == helper_id,
              BargainHelp.day == day) >= act.daily_help_limit:
        raise DailyHelpLimitReached(details={"limit": act.daily_help_limit})
    if _count(session, BargainHelp.starter_id == bargain.starter_id,
              BargainHelp.day == day) >= act.sharer_daily_help_limit:
        raise SharerDailyLimitReached(details={"limit": act.sharer_daily_help_limit})


def signals(session: Session, bargain_id: int, helper: Helper, day: str,
            now: datetime) -> rules.HelpSignals:
    """The facts the risk score reads, from the helps recorded so far."""
    created = session.scalar(select(User.created_at).where(User.id == helper.user_id))
    here = (BargainHelp.bargain_id == bargain_id, BargainHelp.day == day)
    device = BargainHelp.device_id == helper.device_id
    return rules.HelpSignals(
        account_age_s=int((now - created).total_seconds()),
        has_device=helper.device_id is not None,
        device_helps=_count(session, *here, device) if helper.device_id else 0,
        ip_helps=_count(session, *here, BargainHelp.ip == helper.ip) if helper.ip else 0,
        device_accounts=session.scalar(
            select(func.count(distinct(BargainHelp.helper_id)))
            .where(device, BargainHelp.day == day,
                   BargainHelp.helper_id != helper.user_id)) if helper.device_id else 0)


def _take(session: Session, engine: Engine, bargain: Bargain, helper_id: int,
          bps: int, now: datetime) -> tuple[int, int]:
    """(fen taken, head cut) from Redis, healed from the database if lost
    (503 state_unavailable if still missing); given back if the transaction
    fails."""
    taken, head, _left = healed(lambda: engine.take_cut(bargain.id, helper_id, now, bps),
                                lambda: load_bargain(session, engine, bargain, now))
    after_rollback(session, lambda bid=bargain.id: engine.give_back_cut(
        bid, helper_id, taken, emptied=taken == head))
    return taken, head


def help_cut(session: Session, engine: Engine, *, bargain_id: int,
             helper: Helper, now: datetime) -> Helped:
    bargain = _lock(session, bargain_id, {helper.user_id})
    _check_open(session, bargain, helper.user_id, now)
    act = session.get(BargainActivity, bargain.activity_id)
    day = rules.help_day(now)
    _check_caps(session, act, bargain, helper.user_id, day)
    risk = rules.help_risk(signals(session, bargain.id, helper, day, now),
                           act.min_account_age_s)
    risky = rules.is_risky(risk.score, act.risk_threshold)
    if risky and act.risk_action == rules.REFUSE:
        raise RiskyHelpRefused(details={"score": risk.score, "reasons": list(risk.reasons)})
    taken, head = _take(session, engine, bargain, helper.user_id,
                        rules.share_bps(risky, act.risky_cut_bps), now)
    session.add(BargainHelp(bargain_id=bargain.id, activity_id=act.id,
                            helper_id=helper.user_id, starter_id=bargain.starter_id,
                            cut_fen=taken, head_fen=head, day=day, at=now, ip=helper.ip,
                            device_id=helper.device_id, risk_score=risk.score,
                            risk_reasons=",".join(risk.reasons), risky=risky))
    price = session.execute(update(Bargain).where(Bargain.id == bargain.id)
                            .values(price_fen=Bargain.price_fen - taken,
                                    helps_count=Bargain.helps_count + 1)
                            .returning(Bargain.price_fen)
                            .execution_options(synchronize_session=False)).scalar_one()
    return Helped(taken, price, risk, reduced=taken < head)
