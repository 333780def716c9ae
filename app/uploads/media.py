"""Serving stored images: by object name, straight from the store (no
database read, so any node serves any image). Objects never change, so
the name is the ETag and caches may keep them for a year."""

from __future__ import annotations

from flask import Response, request

from app.uploads import service
from app.uploads.errors import MediaNotFound, StorageUnavailable
from app.uploads.storage import NAME, Storage, StorageError

CACHE = "public, max-age=31536000, immutable"


def reader(store: Storage):
    """Bytes of a stored image by the rest of its /media/ path ("<key>" or
    "<key>/thumb"); None for anything else or a store that fails."""
    def read(rest: str) -> bytes | None:
        key, slash, tail = rest.partition("/")
        if slash and tail != "thumb":
            return None
        name = service.thumb_name(key) if slash else key
        if not NAME.match(name):
            return None
        try:
            stored = store.get(name)
        except StorageError:
            return None
        return stored.data if stored else None
    return read


def respond(store: Storage, key: str, *, thumb: bool) -> Response:
    name = service.thumb_name(key) if thumb else key
    if not NAME.match(name):
        raise MediaNotFound(details={"key": key})
    etag = f'"{name}"'
    headers = {"ETag": etag, "Cache-Control": CACHE, "X-Content-Type-Options": "nosniff"}
    if etag in request.headers.get("If-None-Match", ""):
        return Response(status=304, headers=headers)
    try:
        stored = store.get(name)
    except StorageError as exc:
        raise StorageUnavailable() from exc
    if stored is None:
        raise MediaNotFound(details={"key": key})
    return Response(stored.data, content_type=stored.content_type,
                    headers={**headers, "Content-Disposition": "inline"})
