"""Joining groups a batch at a time (app.group_commit): the joins that
arrive together share one transaction and one Redis round trip. Under the
batch's group activities' row locks (which serialise racing joins of one
buyer across processes; SQLite's write lock does the same) the groups and
activities are read once, the batch's seat scripts run pipelined, the
per-user limit and new-users-only are checked for the whole batch with one
query each, then the admitted seats' orders, lines and members are written
with the driver, not the ORM (groupbuy/seat_orders.py). A seat refused
after Redis took it is given back; a batch that does not commit gives all
its seats back (app.db.after_rollback)."""

from __future__ import annotations

import logging
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import redis
from flask import Flask
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, lazyload

from app import clock
from app.auth.models import User
from app.catalog.models import Product, Sku
from app.db import after_commit, after_rollback, transaction
from app.errors import DomainError
from app.group_commit import Committer, Pending
from app.orders.models import Order
from app.queue import enqueue
from groupbuy import rules, seat_orders
from groupbuy.activities import ensure_running
from groupbuy.engine import SEAT_HOLD, Engine, StateMissing
from groupbuy.errors import (
    GroupClosed,
    GroupLimitReached,
    GroupNotFound,
    NewUsersOnly,
    StateUnavailable,
)
from groupbuy.groups import SEATED, listed_price
from groupbuy.keys import group as group_keys
from groupbuy.models import Group, GroupActivity, GroupMember, GroupSku
from groupbuy.queries import summary
from groupbuy.recovery import load_group

log = logging.getLogger(__name__)

WAIT_S = 15.0  # a join waits this long for its batch


@dataclass(frozen=True)
class JoinAsk:
    group_id: int
    buyer_id: int
    now: datetime


@dataclass(frozen=True)
class Joined:
    """A written seat: its group's view (GroupOut) and its order's values
    (OrderOut: app/orders/rows.py), for SeatOut."""

    group_id: int
    order_id: int
    group: dict
    order: dict


class Runtime:
    """The join committer of one app: `join` blocks for its batch's answer."""

    def __init__(self, app: Flask, engine: Engine):
        self.app, self.engine = app, engine
        self.committer = Committer(self._write, name="groupbuy-join-committer")
        self.timer_second: int | None = None  # the last expiry second this process enqueued

    def join(self, *, group_id: int, buyer_id: int) -> Joined:
        slot = self.committer.submit(JoinAsk(group_id, buyer_id, clock.now()))
        try:
            return slot.result(timeout=WAIT_S)
        except Pending as exc:
            raise StateUnavailable(details={"group_id": group_id}) from exc  # not known yet

    def _write(self, asks: list[JoinAsk]) -> list:
        """One answer per ask: Joined or the error that refused it."""
        answers: list = [None] * len(asks)
        try:
            with self.app.app_context(), transaction() as session:
                write_batch(session, self.engine, asks, answers)
        except Exception:
            log.exception("writing %d group joins failed", len(asks))
            return [StateUnavailable() if not isinstance(a, DomainError) else a
                    for a in answers]
        try:
            with self.app.app_context():
                self._schedule_expiry([a.order["pay_deadline"] for a in answers
                                       if isinstance(a, Joined)])
        except Exception:  # the seats are written: the orders sweep expires them regardless
            log.exception("scheduling the expiry of joined orders failed")
        return answers

    def _schedule_expiry(self, deadlines: list[datetime]) -> None:
        """One timer per deadline second, whatever the batches (not one per
        order): this process enqueues a second once, other processes only
        overwrite it with the same job."""
        for second in sorted({math.ceil(d.timestamp()) for d in deadlines}):
            if second == self.timer_second:
                continue
            enqueue(None, "groupbuy.jobs.expire_seats_due", second, queue="promotions",
                    job_id=f"gb-seats-expire-{second}", at=datetime.fromtimestamp(second, UTC))
            self.timer_second = second


# the batch's groups, and their activities under row locks in id order
_GROUPS = select(Group).where(Group.id.in_(bindparam("ids", expanding=True)))
_ACTIVITIES = (select(GroupActivity).where(GroupActivity.id.in_(bindparam("ids", expanding=True)))
               .order_by(GroupActivity.id).with_for_update()
               .options(lazyload(GroupActivity.skus)))  # their prices: _PRICES
_PRICES = (select(GroupSku.activity_id, GroupSku.sku_id, GroupSku.group_price_fen)
           .where(GroupSku.activity_id.in_(bindparam("ids", expanding=True))))


def write_batch(session: Session, engine: Engine, asks: list[JoinAsk], answers: list) -> None:
    """Fill `answers` (one per ask) with Joined or a DomainError."""
    groups = {g.id: g for g in session.scalars(
        _GROUPS, {"ids": sorted({a.group_id for a in asks})})}
    act_ids = sorted({g.activity_id for g in groups.values()})
    acts = {a.id: a for a in session.scalars(_ACTIVITIES, {"ids": act_ids})}
    live = []
    for i, ask in enumerate(asks):
        try:
            group = groups.get(ask.group_id)
            if group is None:
                raise GroupNotFound()
            if group.status != rules.OPEN:
                raise GroupClosed()
            ensure_running(acts[group.activity_id], ask.now)
            live.append(i)
        except DomainError as exc:
            answers[i] = exc
    seats = {i: secrets.token_hex(8) for i in live}
    left = _hold_many(session, engine, [(i, groups[asks[i].group_id], asks[i], seats[i])
                                        for i in live], answers)
    if not left:
        return
    after_rollback(session, lambda: _give_back(engine, [
        (asks[i].group_id, asks[i].buyer_id, seats[i]) for i in left]))
    admitted = _check_buyers(session, acts, groups, asks, list(left), answers)
    prices = {(aid, sku): fen for aid, sku, fen in session.connection().execute(
        _PRICES, {"ids": act_ids})}
    written = seat_orders.write(session, [
        seat_orders.Seat(i, asks[i].buyer_id, groups[asks[i].group_id], seats[i], asks[i].now)
        for i in admitted], prices, answers)
    views = _views(session, [groups[gid] for gid in {s.group.id for s, _ in written}],
                   acts, prices, asks[0].now)
    for seat, order in written:
        answers[seat.index] = Joined(seat.group.id, order["id"],
                                     {**views[seat.group.id], "seats_left": left[seat.index]},
                                     order)
    refused = [i for i in left if not isinstance(answers[i], Joined)]
    if refused:
        after_commit(session, lambda: _give_back(engine, [
            (asks[i].group_id, asks[i].buyer_id, seats[i]) for i in refused]))


# The batch's groups' members (paid ones kept in Python) and its SKUs'
# products. No status filter in SQL, here and in _SEATS: with one SQLite
# reads the status index, every seat of every group, not the group's or
# the buyer's own.
_MEMBERS = (select(GroupMember.group_id, GroupMember.status, GroupMember.user_id,
                   User.nickname, User.avatar_url, GroupMember.is_leader)
            .join(User, User.id == GroupMember.user_id)
            .where(GroupMember.group_id.in_(bindparam("gids", expanding=True)))
            .order_by(GroupMember.id))
_PRODUCTS = (select(Sku.id, Product.id, Product.title, Product.image_url)
             .join(Product, Product.id == Sku.product_id)
             .where(Sku.id.in_(bindparam("skus", expanding=True))))
SHOWN = (rules.PAID, rules.DONE)


def _views(session: Session, groups: list[Group], acts: dict, prices: dict,
           now: datetime) -> dict:
    """Each group's view (queries.group_view) for the batch's answers: its
    paid members and its product read once for the batch; seats left are
    each seat's own (what its seat script answered)."""
    conn = session.connection()
    members: dict[int, list] = {g.id: [] for g in groups}
    for gid, status, uid, nick, avatar, lead in conn.execute(_MEMBERS, {"gids": list(members)}):
        if status in SHOWN:
            members[gid].append({"user_id": uid, "nickname": nick, "avatar_url": avatar,
                                 "is_leader": lead})
    products = {sku: (pid, title, image) for sku, pid, title, image in conn.execute(
        _PRODUCTS, {"skus": sorted({g.sku_id for g in groups})})}
    views = {}
    for g in groups:
        act = acts[g.activity_id]
        pid, title, image = products[g.sku_id]
        views[g.id] = {**summary(g, now), "product_id": pid, "product_title": title,
                       "image_url": image, "title": act.title,
                       "group_price_fen": listed_price(prices, act.id, g.sku_id),
                       "members": members[g.id]}
    return views


def _hold_many(session: Session, engine: Engine, items: list,
               answers: list) -> dict[int, int]:
    """Each seat script pipelined in one round trip; a group whose state Redis
    lost is rebuilt from the database and its seats tried once more. The
    indexes that hold a seat, in order, with the seats left after each."""
    replies = _pipelined(engine, [(g.id, a.buyer_id, seat, a.now) for _, g, a, seat in items])
    missing = [k for k, r in enumerate(replies) if isinstance(r, StateMissing)]
    if missing:
        for gid in {items[k][1].id for k in missing}:
            group = next(it[1] for it in items if it[1].id == gid)
            load_group(session, engine, group, items[0][2].now)
        again = _pipelined(engine, [(items[k][1].id, items[k][2].buyer_id, items[k][3],
                                     items[k][2].now) for k in missing])
        for k, reply in zip(missing, again, strict=True):
            replies[k] = StateUnavailable() if isinstance(reply, StateMissing) else reply
    held = {}
    for (i, _, _, _), reply in zip(items, replies, strict=True):
        if isinstance(reply, BaseException):
            answers[i] = reply if isinstance(reply, DomainError) else StateUnavailable()
        else:
            held[i] = int(reply)
    return held


def _pipelined(engine: Engine, seats: list[tuple[int, int, str, datetime]]) -> list:
    """The seat scripts in one pipeline (a cluster client groups them by
    master); each reply or its mapped error (not raised)."""
    pipe = engine.r.pipeline(transaction=False)
    for gid, uid, seat, now in seats:
        SEAT_HOLD.queue(pipe, group_keys(gid), [uid, seat, clock.to_ms(now)])
    try:
        replies = pipe.execute(raise_on_error=False)
    except redis.RedisError as exc:
        return [exc] * len(seats)
    return [r if isinstance(r, BaseException) else SEAT_HOLD.outcome(r) for r in replies]


_PAID = (select(Order.buyer_id)
         .where(Order.buyer_id.in_(bindparam("uids", expanding=True)),
                Order.paid_at.is_not(None)).distinct())
_SEATS = (select(GroupMember.activity_id, GroupMember.user_id, GroupMember.status)
          .where(GroupMember.user_id.in_(bindparam("uids", expanding=True)),
                 GroupMember.activity_id.in_(bindparam("aids", expanding=True))))


def _check_buyers(session: Session, acts: dict, groups: dict, asks: list[JoinAsk],
                  held: list[int], answers: list) -> list[int]:
    """New-users-only (one query: who of the batch has a paid order) and the
    per-user limit (one query: the batch's buyers' seats in its activities),
    counting the batch's own seats in arrival order. The indexes admitted."""
    conn = session.connection()
    buyers = sorted({asks[i].buyer_id for i in held})
    paid = set(conn.execute(_PAID, {"uids": buyers}).scalars())
    seated: dict[tuple[int, int], int] = {}
    for aid, uid, status in conn.execute(_SEATS, {"uids": buyers, "aids": sorted(
            {groups[asks[i].group_id].activity_id for i in held})}):
        if status in SEATED:
            seated[aid, uid] = seated.get((aid, uid), 0) + 1
    admitted = []
    for i in held:
        ask = asks[i]
        act = acts[groups[ask.group_id].activity_id]
        key = (act.id, ask.buyer_id)
        if act.new_users_only and ask.buyer_id in paid:
            answers[i] = NewUsersOnly()
        elif seated.get(key, 0) >= act.per_user_limit:
            answers[i] = GroupLimitReached(details={"limit": act.per_user_limit})
        else:
            seated[key] = seated.get(key, 0) + 1
            admitted.append(i)
    return admitted


def _give_back(engine: Engine, seats: list[tuple[int, int, str]]) -> None:
    for gid, uid, seat in seats:
        try:
            engine.release(gid, uid, seat)
        except redis.RedisError:
            log.exception("giving back seat %s of group %s failed", seat, gid)


