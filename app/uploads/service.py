"""Upload use cases, and the interface other features use:

- `claim(session, user_id=, keys=, purpose=, limit=9)`: the user's own
  uploads of that purpose, in the order given (a key given twice counts
  once); UploadNotFound (`upload_not_found`, details {key}) for any other
  key, TooManyImages (`too_many_images`) past `limit`. Claiming changes
  nothing: the same photo may be attached again.
- `public(upload_or_key, session=None)`: {id, url, thumb_url, width,
  height} as clients see an image.

`store` writes the image and its thumbnail first and the row last; if the
row is not committed the stored objects are deleted (nothing half-written).
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import after_rollback
from app.uploads import images, rules
from app.uploads.errors import StorageUnavailable, TooManyImages, UploadNotFound
from app.uploads.models import Upload
from app.uploads.storage import Storage, StorageError

log = logging.getLogger(__name__)
MEDIA_PATH = "/media"


def thumb_name(key: str) -> str:
    return f"{key}.thumb"


def storage() -> Storage:
    """The app's store (made by the feature's setup from STORAGE_URL)."""
    return current_app.extensions["uploads.storage"]


def media_url(key: str, thumb: bool = False, base_url: str | None = None) -> str:
    """The image's address (base: the app's PUBLIC_BASE_URL unless given)."""
    base = base_url if base_url is not None else \
        current_app.extensions["mall.settings"].public_base_url
    return f"{base}{MEDIA_PATH}/{key}" + ("/thumb" if thumb else "")


def public(upload_or_key: Upload | str, *, session: Session | None = None) -> dict:
    """{id, url, thumb_url, width, height}. Given a key, the upload is read
    with `session`; without one, width and height are null."""
    upload = upload_or_key
    if isinstance(upload_or_key, str):
        key = upload_or_key
        upload = by_key(session, key) if session is not None else None
    else:
        key = upload_or_key.key
    return {"id": key, "url": media_url(key), "thumb_url": media_url(key, thumb=True),
            "width": upload.width if upload else None,
            "height": upload.height if upload else None}


def described(upload: Upload) -> dict:
    """public() and what the uploader is told besides: type and size."""
    return {**public(upload), "content_type": upload.content_type, "bytes": upload.bytes}


def by_key(session: Session, key: str) -> Upload:
    upload = session.scalar(select(Upload).where(Upload.key == key))
    if upload is None:
        raise UploadNotFound(details={"key": key})
    return upload


def claim(session: Session, *, user_id: int, keys: list[str], purpose: str,
          limit: int = rules.MAX_IMAGES) -> list[Upload]:
    """The user's own uploads of `purpose`, in the order of `keys`."""
    return _claimed(session, keys, limit, Upload.user_id == user_id, Upload.purpose == purpose)


def claim_for_merchant(session: Session, *, merchant_id: int, keys: list[str],
                       limit: int = rules.MAX_IMAGES) -> list[Upload]:
    """Product pictures any staff of the merchant uploaded for it."""
    return _claimed(session, keys, limit, Upload.merchant_id == merchant_id,
                    Upload.purpose == "product")


def _claimed(session: Session, keys: list[str], limit: int, *where) -> list[Upload]:
    wanted = rules.unique(keys)
    if not rules.may_attach(len(wanted), limit):
        raise TooManyImages(details={"limit": limit, "given": len(wanted)})
    if not wanted:
        return []
    found = {u.key: u for u in session.scalars(select(Upload).where(Upload.key.in_(wanted),
                                                                     *where))}
    for key in wanted:
        if key not in found:
            raise UploadNotFound(details={"key": key})
    return [found[key] for key in wanted]


def store(session: Session, store_to: Storage, *, data: bytes, user_id: int, purpose: str,
          now: datetime, merchant_id: int | None = None) -> Upload:
    """Check and clean `data` (images.process), store the image and its
    thumbnail, then add the row. The objects are deleted again if the
    transaction does not commit."""
    if purpose not in rules.PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    done = images.process(data)
    key = secrets.token_hex(16)
    _put(store_to, key, done.image)
    try:
        _put(store_to, thumb_name(key), done.thumb)
    except StorageUnavailable:
        _forget(store_to, key)
        raise
    after_rollback(session, lambda: _forget(store_to, key, thumb_name(key)))
    upload = Upload(key=key, user_id=user_id, merchant_id=merchant_id, purpose=purpose,
                    content_type=done.image.content_type, width=done.image.width,
                    height=done.image.height, bytes=len(done.image.data),
                    sha256=done.image.sha256, thumb_width=done.thumb.width,
                    thumb_height=done.thumb.height, created_at=now)
    session.add(upload)
    session.flush()
    return upload


def _put(store_to: Storage, name: str, encoded: images.Encoded) -> None:
    try:
        store_to.put(name, encoded.data, encoded.content_type)
    except StorageError as exc:
        log.warning("storing %s failed: %s", name, exc)
        raise StorageUnavailable() from exc


def _forget(store_to: Storage, *names: str) -> None:
    for name in names:
        try:
            store_to.delete(name)
        except StorageError:
            log.exception("could not delete %s after a failed upload", name)
