"""Our own bearer tokens: signed (itsdangerous, as Flask uses) and expiring.
They carry the user id only."""

from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.auth.errors import InvalidToken, TokenExpired

SALT = "mall.auth.token"
MAX_UID = 2**63 - 1


def issue(secret: str, user_id: int) -> str:
    return URLSafeTimedSerializer(secret, salt=SALT).dumps({"uid": user_id})


def verify(secret: str, token: str, max_age_s: int) -> int:
    try:
        data = URLSafeTimedSerializer(secret, salt=SALT).loads(token, max_age=max_age_s)
    except SignatureExpired as exc:
        raise TokenExpired() from exc
    except BadSignature as exc:
        raise InvalidToken() from exc
    uid = data.get("uid") if isinstance(data, dict) else None
    if isinstance(uid, bool) or not isinstance(uid, int) or not 1 <= uid <= MAX_UID:
        raise InvalidToken()
    return uid
