"""Our own bearer tokens: signed (itsdangerous, as Flask uses) and expiring.
They carry the user id and the user's token version at issue ("v"; absent in
tokens issued before versions, which counts as 0): bumping the version
("sign out everywhere") revokes every token issued before. A token's
signature is checked once per process and remembered (bounded); its age is
checked on every use, its version where the caller reads the user."""

from __future__ import annotations

import time
from functools import lru_cache

from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.auth.errors import InvalidToken, TokenExpired

SALT = "mall.auth.token"
MAX_UID = 2**63 - 1
MAX_VERSION = 2**31 - 1


@lru_cache(maxsize=8)
def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def issue(secret: str, user_id: int, version: int = 0) -> str:
    return _serializer(secret).dumps({"uid": user_id, "v": version})


@lru_cache(maxsize=20_000)
def _signed(secret: str, token: str) -> tuple[object, float]:
    """(payload, signed at) of a token whose signature verifies; raises
    BadSignature (never cached) otherwise."""
    data, signed_at = _serializer(secret).loads(token, return_timestamp=True)
    return data, signed_at.timestamp()


def _in_range(value, low: int, high: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and low <= value <= high


def claims(secret: str, token: str, max_age_s: int) -> tuple[int, int]:
    """(user id, token version) of a well-signed token younger than max_age_s."""
    try:
        data, signed_at = _signed(secret, token)
    except BadSignature as exc:
        raise InvalidToken() from exc
    if time.time() - signed_at > max_age_s:
        raise TokenExpired()
    if not isinstance(data, dict):
        raise InvalidToken()
    uid, version = data.get("uid"), data.get("v", 0)
    if not (_in_range(uid, 1, MAX_UID) and _in_range(version, 0, MAX_VERSION)):
        raise InvalidToken()
    return uid, version


def verify(secret: str, token: str, max_age_s: int) -> int:
    """The user id only: signature and age, not the version (see claims)."""
    return claims(secret, token, max_age_s)[0]
