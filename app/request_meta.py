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
from werkzeug.middleware.proxy_fix import ProxyFix

from app.errors import DomainError

DEVICE_HEADER = "X-Device-Id"
_DEVICE = re.compile(r"[0-9A-Za-z._:\-]{1,64}")


class InvalidDeviceId(DomainError):
    code, status, message = "invalid_device_id", 422, \
        "X-Device-Id must be 1-64 characters of 0-9A-Za-z._:-"


def client_ip() -> str | None:
    return ip_of(request.remote_addr)


def ip_of(remote_addr: str | None) -> str | None:
    """The address as the anti-fraud rules and the rate limits keep it."""
    return (remote_addr or "")[:45] or None


def remote_addr(environ: dict, trusted_proxies: int) -> str | None:
    """REMOTE_ADDR as the app sees it behind `trusted_proxies` proxies, for
    a WSGI layer in front of the app's ProxyFix (a lean path): the same
    ProxyFix run on a copy of the request's environ."""
    if not trusted_proxies:
        return environ.get("REMOTE_ADDR")
    seen = {}

    def capture(env, _start_response):
        seen["addr"] = env.get("REMOTE_ADDR")
        return []
    ProxyFix(capture, x_for=trusted_proxies, x_proto=trusted_proxies)(dict(environ), None)
    return seen.get("addr")


def valid_device_id(value: str | None) -> bool:
    """No header, or one of 1-64 characters of 0-9A-Za-z._:-."""
    return value is None or _DEVICE.fullmatch(value) is not None


def device_id() -> str | None:
    value = request.headers.get(DEVICE_HEADER)
    if value is None:
        return None
    if not _DEVICE.fullmatch(value):
        raise InvalidDeviceId(details={"header": DEVICE_HEADER})
    return value
