"""Bindings (user -> referrer, per merchant) and distributors joining.

A binding comes from a share link or QR code (its sharer), an invite code,
or an order's share source at payment. Never self, never a cycle at any
depth; the merchant's policy decides whether a bound user may rebind. Binds
of one merchant queue on its settings row lock, so two racing binds cannot
close a loop between them.
"""

from __future__ import annotations

import secrets
import string
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import insert_ignore, paginate
from app.errors import DomainError
from app.orders.models import Order
from app.orders.rules import PAID_STATES
from app.sharing.service import live_share
from referral import errors, rules
from referral.models import Binding, Distributor
from referral.settings import Rules, ensure_row, get_rules

INVITE_ALPHABET = string.ascii_uppercase + string.digits
ACTIVE, PENDING, REJECTED = "active", "pending", "rejected"


def parent_finder(session: Session, merchant_id: int):
    """parent_of(user_id) -> referrer id or None, one query per step."""
    def parent_of(user_id: int) -> int | None:
        return session.scalar(select(Binding.referrer_id).where(
            Binding.merchant_id == merchant_id, Binding.user_id == user_id))
    return parent_of


def referrer_from(session: Session, merchant_id: int, *, scene: str | None,
                  invite_code: str | None, now: datetime) -> tuple[int, str]:
    """(referrer id, via) from exactly one of a share scene or an invite code."""
    if (scene is None) == (invite_code is None):
        raise errors.BindSourceRequired()
    if scene is not None:
        share = live_share(session, scene, now)
        return share.sharer_id, "qr" if share.channel == "qr" else "share"
    user_id = session.scalar(select(Distributor.user_id).where(
        Distributor.invite_code == invite_code, Distributor.merchant_id == merchant_id,
        Distributor.status == ACTIVE))
    if user_id is None:
        raise errors.InviteNotFound()
    return user_id, "invite"


def bind(session: Session, *, merchant_id: int, user_id: int, referrer_id: int, via: str,
         now: datetime) -> Binding:
    """Bind user to referrer under the merchant's policy; raises SelfReferral,
    ReferralCycle, ReferrerNotDistributor, AlreadyBound or NotNewUser."""
    if user_id == referrer_id:
        raise errors.SelfReferral()
    cfg = _locked_rules(session, merchant_id, now)
    if not is_active(session, merchant_id, referrer_id):
        raise errors.ReferrerNotDistributor()
    current = session.scalar(select(Binding).where(Binding.merchant_id == merchant_id,
                                                   Binding.user_id == user_id))
    if current is not None and current.referrer_id == referrer_id:
        return current
    _check_policy(session, cfg, merchant_id, user_id, current, now)
    if rules.would_cycle(user_id, referrer_id, parent_finder(session, merchant_id)):
        raise errors.ReferralCycle(details={"user_id": user_id, "referrer_id": referrer_id})
    if current is None:
        current = Binding(merchant_id=merchant_id, user_id=user_id)
        session.add(current)
    current.referrer_id, current.via, current.bound_at = referrer_id, via, now
    session.flush()
    return current


def _locked_rules(session: Session, merchant_id: int, now: datetime) -> Rules:
    ensure_row(session, merchant_id, now)
    return get_rules(session, merchant_id, lock=True)


def _check_policy(session: Session, cfg: Rules, merchant_id: int, user_id: int,
                  current: Binding | None, now: datetime) -> None:
    is_new = cfg.binding_policy != rules.NEW_USERS or not _has_paid(session, merchant_id,
                                                                     user_id)
    if rules.may_bind(cfg.binding_policy, bound_at=current and current.bound_at,
                      window_days=cfg.window_days, is_new_user=is_new, now=now):
        return
    if current is not None:
        raise errors.AlreadyBound(details={"referrer_id": current.referrer_id})
    raise errors.NotNewUser()


def _has_paid(session: Session, merchant_id: int, user_id: int) -> bool:
    return session.scalar(select(func.count(Order.id)).where(
        Order.merchant_id == merchant_id, Order.buyer_id == user_id,
        Order.paid_at.is_not(None))) > 0


def try_bind(session: Session, **kw) -> bool:
    """bind(), but a refusal (policy, cycle, self, not a distributor) is
    just no binding: used for an order's share source at payment."""
    try:
        with session.begin_nested():
            bind(session, **kw)
        return True
    except DomainError:
        return False


def is_active(session: Session, merchant_id: int, user_id: int) -> bool:
    return session.scalar(select(Distributor.id).where(
        Distributor.merchant_id == merchant_id, Distributor.user_id == user_id,
        Distributor.status == ACTIVE)) is not None


def paid_goods_fen(session: Session, merchant_id: int, user_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(
        Order.goods_fen - Order.discount_fen - Order.refunded_fen), 0)).where(
        Order.merchant_id == merchant_id, Order.buyer_id == user_id,
        Order.status.in_(PAID_STATES))))


def join(session: Session, *, merchant_id: int, user_id: int, now: datetime) -> Distributor:
    """Join as a distributor: everyone at once; by application (pending until
    staff approve); or once the user's paid goods reach the spend threshold."""
    cfg = get_rules(session, merchant_id)
    if cfg.join_policy == rules.SPEND and \
            paid_goods_fen(session, merchant_id, user_id) < cfg.spend_threshold_fen:
        raise errors.JoinNotAllowed(details={"spend_threshold_fen": cfg.spend_threshold_fen})
    status = PENDING if cfg.join_policy == rules.APPLICATION else ACTIVE
    values = {"merchant_id": merchant_id, "user_id": user_id, "status": status,
              "tier_rank": 0, "applied_at": now, "joined_at": now if status == ACTIVE else None}
    for _ in range(5):
        if insert_ignore(session, Distributor, invite_code=_invite_code(), **values):
            return distributor(session, merchant_id, user_id)
        if session.scalar(select(Distributor.id).filter_by(merchant_id=merchant_id,
                                                           user_id=user_id)) is not None:
            raise errors.AlreadyJoined()
    raise RuntimeError("no free invite code")


def _invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8))


def distributor(session: Session, merchant_id: int, user_id: int) -> Distributor:
    row = session.scalar(select(Distributor).filter_by(merchant_id=merchant_id,
                                                       user_id=user_id))
    if row is None:
        raise errors.DistributorNotFound()
    return row


def review(session: Session, *, merchant_id: int, user_id: int, approve: bool,
           now: datetime) -> Distributor:
    """Staff decide an application: active or rejected, once."""
    row = distributor(session, merchant_id, user_id)
    if row.status != PENDING:
        raise errors.NotReviewable(details={"status": row.status})
    row.status = ACTIVE if approve else REJECTED
    row.joined_at = now if approve else None
    return row


def bind_via(session: Session, *, merchant_id: int, user_id: int, scene: str | None,
             invite_code: str | None, now: datetime) -> Binding:
    """Bind the user through a share link / QR scene or an invite code."""
    if (scene is None) == (invite_code is None):
        raise errors.BindSourceRequired()
    get_rules(session, merchant_id)  # merchant_not_found before the source
    referrer_id, via = referrer_from(session, merchant_id, scene=scene,
                                     invite_code=invite_code, now=now)
    return bind(session, merchant_id=merchant_id, user_id=user_id, referrer_id=referrer_id,
                via=via, now=now)


def list_distributors(session: Session, *, merchant_id: int, status: str | None, page: int,
                      per_page: int):
    stmt = select(Distributor).where(Distributor.merchant_id == merchant_id)
    if status:
        stmt = stmt.where(Distributor.status == status)
    return paginate(session, stmt, order_by=Distributor.id, page=page, per_page=per_page)


def join_accepting(session: Session, *, merchant_id: int, user_id: int, accepted: bool,
                   now: datetime) -> Distributor:
    """Join, once the distributor terms are accepted."""
    get_rules(session, merchant_id)  # merchant_not_found first
    if not accepted:
        raise errors.TermsNotAccepted()
    return join(session, merchant_id=merchant_id, user_id=user_id, now=now)
