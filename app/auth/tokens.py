"""Our own bearer tokens: signed (itsdangerous, as Flask uses) and expiring.
They carry the user id only. A token's signature is checked once per
process and remembered (bounded); its age is checked on every use."""

from __future__ import annotations

import time
from functools import lru_cache

from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.auth.errors import InvalidToken, TokenExpired

SALT = "mall.auth.token"
MAX_UID = 2**63 - 1


@lru_cache(maxsize=8)
def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def issue(secret: str, user_id: int) -> str:
    return _serializer(secret).dumps({"uid": user_id})


@lru_cache(maxsize=20_000)
def _signed(secret: str, token: str) -> tuple[object, float]:
    """(payload, signed at) of a token whose signature verifies; raises
    BadSignature (never cached) otherwise."""
    data, signed_at = _serializer(secret).loads(token, return_timestamp=True)
    return data, signed_at.timestamp()


def verify(secret: str, token: str, max_age_s: int) -> int:
    try:
        data, signed_at = _signed(secret, token)
    except BadSignature as exc:
        raise InvalidToken() from exc
    if time.time() - signed_at > max_age_s:
        raise TokenExpired()
    uid = data.get("uid") if isinstance(data, dict) else None
    if isinstance(uid, bool) or not isinstance(uid, int) or not 1 <= uid <= MAX_UID:
        raise InvalidToken()
    return uid
