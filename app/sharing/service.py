"""Sharing use cases: create a share, find a live one, resolve a scene
(counting the scan), and name the sharer behind an order's share source.
Services take a session and `now`; they never commit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth.models import User
from app.sharing import rules, targets
from app.sharing.errors import (
    InvalidScene,
    ShareExpired,
    ShareKindUnavailable,
    ShareNotFound,
    ShareTargetNotAllowed,
    ShareTargetRequired,
    ShareTtlTooLong,
)
from app.sharing.models import Share

SCENE_ATTEMPTS = 5


def create_share(session: Session, *, sharer_id: int, kind: str, channel: str, now: datetime,
                 target_id: int | None = None, ttl_s: int | None = None,
                 new_scene: Callable[[str], str] = rules.new_scene) -> tuple[Share, bool]:
    """(share, created). Without ttl_s, a live share of the same kind, target,
    sharer and channel with at least half its default validity left is
    returned again (created False) instead of making a new one."""
    _check_request(kind, target_id, ttl_s)
    targets.describer(kind)(session, target_id)  # the target must exist
    if ttl_s is None and (same := _reusable(session, sharer_id, kind, target_id, channel, now)):
        return same, False
    values = {"kind": kind, "target_id": target_id, "sharer_id": sharer_id,
              "channel": channel, "created_at": now, "scans": 0,
              "expires_at": rules.expiry(kind, now, ttl_s)}
    return _insert(session, values, new_scene), True


def _check_request(kind: str, target_id: int | None, ttl_s: int | None) -> None:
    if targets.describer(kind) is None:
        raise ShareKindUnavailable(details={"kind": kind})
    if kind in rules.TARGETLESS and target_id is not None:
        raise ShareTargetNotAllowed(details={"kind": kind})
    if kind not in rules.TARGETLESS and target_id is None:
        raise ShareTargetRequired(details={"kind": kind})
    if not rules.ttl_allowed(kind, ttl_s):
        raise ShareTtlTooLong(details={"kind": kind, "max_ttl_s":
                                       int(rules.VALIDITY[kind].total_seconds())})


def _reusable(session: Session, sharer_id: int, kind: str, target_id: int | None,
              channel: str, now: datetime) -> Share | None:
    stmt = (select(Share).where(Share.sharer_id == sharer_id, Share.kind == kind,
                                Share.target_id.is_(None) if target_id is None
                                else Share.target_id == target_id,
                                Share.channel == channel, Share.expires_at > now)
            .order_by(Share.expires_at.desc()).limit(1))
    share = session.scalar(stmt)
    if share and rules.reusable(kind, share.created_at, share.expires_at, now):
        return share
    return None


def _insert(session: Session, values: dict, new_scene: Callable[[str], str]) -> Share:
    """Insert under a fresh scene; on a scene collision (unique constraint)
    roll back to the savepoint and draw again."""
    for _ in range(SCENE_ATTEMPTS):
        share = Share(scene=new_scene(values["kind"]), **values)
        try:
            with session.begin_nested():
                session.add(share)
        except IntegrityError:
            if session.scalar(select(Share.id).where(Share.scene == share.scene)) is None:
                raise  # not a scene collision
            continue
        return share
    raise RuntimeError(f"no free scene after {SCENE_ATTEMPTS} draws")


def live_share(session: Session, scene: str, now: datetime) -> Share:
    """The share behind `scene`; InvalidScene, ShareNotFound or ShareExpired."""
    if not rules.is_valid_scene(scene):
        raise InvalidScene()
    share = session.scalar(select(Share).where(Share.scene == scene))
    if share is None:
        raise ShareNotFound()
    if rules.is_expired(share.expires_at, now):
        raise ShareExpired(details={"expires_at": share.expires_at.isoformat()})
    return share


def describe(session: Session, share: Share) -> dict:
    """The target's context from its kind's describer (which raises if it is gone)."""
    describer = targets.describer(share.kind)
    if describer is None:
        raise ShareKindUnavailable(details={"kind": share.kind})
    return describer(session, share.target_id)


def resolve(session: Session, *, scene: str, now: datetime, base_url: str) -> dict:
    """The full context behind a scene, counting one scan atomically
    (UPDATE ... SET scans = scans + 1 ... RETURNING scans, never read-then-write)."""
    share = live_share(session, scene, now)
    target = describe(session, share)
    scans = session.execute(
        update(Share).where(Share.id == share.id, Share.expires_at > now)
        .values(scans=Share.scans + 1, last_scanned_at=now).returning(Share.scans)
        .execution_options(synchronize_session=False)).scalar_one_or_none()
    if scans is None:  # expired between the read and the update
        raise ShareExpired(details={"expires_at": share.expires_at.isoformat()})
    sharer = session.get(User, share.sharer_id)
    return {**summary(base_url, share), "scans": scans, "last_scanned_at": now,
            "target": target, "sharer": {"id": sharer.id, "nickname": sharer.nickname,
                       "avatar_url": sharer.avatar_url}}


def share_url(base_url: str, scene: str) -> str:
    """The address a QR code holds: {public_base_url}/s/{scene}."""
    return f"{base_url}/s/{quote(scene, safe='')}"


def summary(base_url: str, share: Share) -> dict:
    """The share, its URL and where to fetch its QR codes and poster (every kind has one)."""
    api = f"{base_url}/mp/v1/shares"
    query = f"?scene={quote(share.scene, safe='')}"
    return {"id": share.id, "scene": share.scene, "kind": share.kind,
            "target_id": share.target_id, "channel": share.channel,
            "created_at": share.created_at, "expires_at": share.expires_at,
            "url": share_url(base_url, share.scene),
            "qr_png_url": f"{api}/qr.png{query}", "qr_svg_url": f"{api}/qr.svg{query}",
            "poster_url": f"{api}/poster.png{query}"}


def sharer_of(session: Session, share_id: int, _buyer_id: int) -> int:
    """Order source resolver: the sharer behind a share id (ShareNotFound if
    none). An order may follow an expired share: expiry governs the scene,
    while attribution windows are the referral rules' business."""
    share = session.get(Share, share_id)
    if share is None:
        raise ShareNotFound(details={"share_id": share_id})
    return share.sharer_id

