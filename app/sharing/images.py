"""QR codes and posters for live shares, cached in Redis (base64 text, as the
app's client decodes responses) for at most a day and never past the
share's expiry. Fetching an image is not a scan."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from redis import Redis
from sqlalchemy.orm import Session

from app.auth.models import User
from app.sharing import fonts, keys, poster, poster_cards, qr, rules, service

CACHE_MAX_S = 24 * 3600
QR_FORMATS = {"png": qr.png, "svg": qr.svg}


@dataclass(frozen=True)
class Images:
    redis: Redis
    base_url: str
    static_dirs: dict[str, str]
    media: poster.MediaReader | None = None  # stored uploads, for product covers
    font_path: str = fonts.DEFAULT_PATH


def fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def cache_ttl(expires_at: datetime, now: datetime) -> int:
    """Seconds to keep an image: up to a day, never beyond the share's expiry."""
    return min(CACHE_MAX_S, rules.seconds_left(expires_at, now))


def _cached(images: Images, key: str, ttl_s: int, render) -> bytes:
    hit = images.redis.get(key)
    if hit is not None:
        return base64.b64decode(hit)
    data = render()
    if ttl_s > 0:
        images.redis.set(key, base64.b64encode(data).decode("ascii"), ex=ttl_s)
    return data


def qr_code(session: Session, images: Images, *, scene: str, fmt: str, now: datetime) -> bytes:
    """The share URL as a QR code, "png" or "svg"; ShareExpired once expired."""
    share = service.live_share(session, scene, now)
    url = service.share_url(images.base_url, share.scene)
    key = keys.image(share.scene, f"qr.{fmt}", fingerprint(url))
    return _cached(images, key, cache_ttl(share.expires_at, now),
                   lambda: QR_FORMATS[fmt](url))


def share_poster(session: Session, images: Images, *, scene: str, now: datetime) -> bytes:
    """The poster of a live share of any kind: its picture (the product's, the
    room's cover; the sharer's avatar for an invite), its card, QR, sharer."""
    share = service.live_share(session, scene, now)
    target = service.describe(session, share)
    sharer = session.get(User, share.sharer_id)
    card = poster_cards.card(share.kind, target, sharer.nickname, now)
    url = service.share_url(images.base_url, share.scene)
    image_url = target.get("image_url") or (sharer.avatar_url if share.kind == "invite" else "")
    inputs = (url, card, image_url, images.font_path)
    key = keys.image(share.scene, "poster.png", fingerprint(*inputs))

    def render() -> bytes:
        photo = poster.local_image(image_url, images.base_url, images.static_dirs, images.media)
        return poster.render(card, photo=photo, qr=qr.image(url, poster.QR_SIZE),
                             font_path=images.font_path)

    return _cached(images, key, cache_ttl(share.expires_at, now), render)
