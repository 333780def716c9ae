"""Where a request comes from, as far as it tells: the client's IP and the
device id the mini-program sends. Anti-fraud rules read these; they are
signals, never proof of identity.

- IP: `request.remote_addr`. The app trusts no forwarding header unless
  TRUSTED_PROXIES names how many proxies stand in front: then werkzeug's
  `ProxyFix` (app/__init__.py) makes remote_addr the client's address.
  The per-IP rate limits count the same address.
- Device: the `X-Device-Id` header, 1-64 characters of `0-9A-Za-z._:-`
  (the mini-program draws a random id once and keeps it in its storage).
  Absent: None; anything else: 422 `invalid_device_id`.
"""

from __future__ import annotations

import re

from flask import request

from app.errors import DomainError

DEVICE_HEADER = "X-Device-Id"
_DEVICE = re.compile(r"[0-9A-Za-z._:\-]{1,64}")


class InvalidDeviceId(DomainError):
    code, status, message = "invalid_device_id", 422, \
        "X-Device-Id must be 1-64 characters of 0-9A-Za-z._:-"


def client_ip() -> str | None:
    return (request.remote_addr or "")[:45] or None


def device_id() -> str | None:
    value = request.headers.get(DEVICE_HEADER)
    if value is None:
        return None
    if not _DEVICE.fullmatch(value):
        raise InvalidDeviceId(details={"header": DEVICE_HEADER})
    return value
