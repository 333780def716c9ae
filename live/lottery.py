"""Lotteries, in two steps. The host opens one (prize, winners wanted, who
qualifies: viewers who liked, or who send the keyword) and the room is told;
then draws it. Keyword senders count only from messages sent after the
lottery opened. Winners are drawn uniformly among the qualified, each at
most once per draw; staff and banned users never qualify; winners of the
room's earlier lotteries may win again. Candidates are found set-based, in
a few queries whatever the number of likers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.auth.models import RoleGrant, User
from live import errors, rooms, rules
from live.engine import Engine
from live.models import LiveMessage, LiveRoom, Lottery, LotteryWinner, Moderation

OPEN, DRAWN = "open", "drawn"


def present(lottery: Lottery, winners: list[int] | None = None,
            named: list[dict] | None = None) -> dict:
    """`winners` are user ids; `winner_names` the same people as {user_id, nickname}."""
    return {"id": lottery.id, "room_id": lottery.room_id, "prize": lottery.prize,
            "winners_wanted": lottery.winners_wanted, "qualify": lottery.qualify,
            "keyword": lottery.keyword, "state": lottery.state,
            "candidates": lottery.candidates, "winners": winners or [],
            "winner_names": named or []}


def _named(session: Session, user_ids: list[int]) -> list[dict]:
    names = dict(session.execute(select(User.id, User.nickname)
                                 .where(User.id.in_(user_ids))).all())
    return [{"user_id": u, "nickname": names.get(u, "")} for u in user_ids]


def open_(session: Session, room: LiveRoom, *, by_id: int, data: dict,
          now: datetime) -> Lottery:
    keyword = data.get("keyword", "").strip()
    if data["qualify"] == "keyword" and not keyword:
        raise errors.Invalid(details={"fields": {"keyword": ["Name the keyword."]}})
    last = session.scalar(select(func.max(LiveMessage.id))
                          .where(LiveMessage.room_id == room.id)) or 0
    lottery = Lottery(room_id=room.id, prize=data["prize"], winners_wanted=data["winners"],
                      qualify=data["qualify"], keyword=keyword, state=OPEN, candidates=0,
                      after_message_id=last, created_by=by_id, opened_at=now)
    session.add(lottery)
    session.flush()
    return lottery


def _excluded(session: Session, room_id: int) -> set[int]:
    """Staff of the room (and platform admins) and users banned from it."""
    staff = select(RoleGrant.user_id).where(or_(
        RoleGrant.role.in_(rooms.STAFF_ROLES) & (RoleGrant.scope_id == room_id),
        RoleGrant.role == "platform_admin"))
    banned = select(Moderation.user_id).where(Moderation.room_id == room_id,
                                              Moderation.action == "ban")
    return set(session.scalars(staff.union(banned)))


def candidates(session: Session, engine: Engine, lottery: Lottery) -> list[int]:
    if lottery.qualify == "like":
        found = set(engine.likers(lottery.room_id))
    else:
        found = set(session.scalars(select(LiveMessage.user_id).distinct().where(
            LiveMessage.room_id == lottery.room_id, LiveMessage.kind == "chat",
            LiveMessage.id > lottery.after_message_id,
            func.lower(LiveMessage.text).contains(lottery.keyword.casefold(),
                                                  autoescape=True))))
    return sorted(found - _excluded(session, lottery.room_id))


def draw(session: Session, engine: Engine, room: LiveRoom, *, lottery_id: int,
         now: datetime, rng=None) -> dict:
    lottery = session.scalars(select(Lottery).where(
        Lottery.id == lottery_id, Lottery.room_id == room.id).with_for_update()).one_or_none()
    if lottery is None:
        raise errors.LotteryNotFound(details={"lottery_id": lottery_id})
    if lottery.state != OPEN:
        raise errors.LotteryDrawn(details={"lottery_id": lottery_id})
    pool = candidates(session, engine, lottery)
    try:
        winners = rules.draw(pool, lottery.winners_wanted, rng)
    except rules.Refused as exc:
        raise errors.from_rule(exc) from exc
    lottery.state, lottery.candidates, lottery.drawn_at = DRAWN, len(pool), now
    session.add_all(LotteryWinner(lottery_id=lottery.id, user_id=u) for u in winners)
    session.flush()
    return present(lottery, winners, _named(session, winners))
