"""Flask glue for auth: the bearer token -> g.user_id, the token check of a
Socket.IO connect, and the resolver the settings call for.

A token is refused when its signature is wrong (`invalid_token`), when it is
older than TOKEN_MAX_AGE (`token_expired`), when its user is gone
(`invalid_token`) or when the user has signed out everywhere since it was
issued (`token_revoked`: its version is below the user's). login_required
and socket connects check all four. bearer_required (the flash-sale grab,
the one hot route) checks signature and age only: a grab also needs a grab
token, issued only through login_required and good for 60 s, so a revoked
token can grab at most until a grab token it fetched before runs out."""

from __future__ import annotations

from copy import deepcopy
from functools import wraps

from flask import current_app, g, request
from sqlalchemy import select

from app import clock, request_meta
from app.auth import console_sessions, tokens, wechat
from app.auth.errors import (
    CsrfFailed,
    InvalidToken,
    LoginNotConfigured,
    NotSignedIn,
    TokenRevoked,
)
from app.auth.models import User
from app.db import reading, transaction
from app.errors import DomainError, Unauthorized

MAX_TOKEN_CHARS = 1000
COOKIE_PREFIX = "/api/v1/"  # where the console's cookie stands for a bearer token
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "X-CSRF-Token"


def settings():
    return current_app.extensions["mall.settings"]


def resolver():
    """WeChat when configured; the development resolver only outside production,
    where it would let anyone log in as anyone."""
    s = settings()
    if s.wechat_configured:
        return wechat.WeChatResolver(s.wechat_appid, s.wechat_secret, s.wechat_api_base)
    if s.app_env == "production":
        raise LoginNotConfigured()
    return wechat.DevResolver()


def issue_token(user: User) -> str:
    return tokens.issue(settings().secret_key, user.id, user.token_version)


def _claims(token: str, s=None) -> tuple[int, int]:
    s = s or settings()
    return tokens.claims(s.secret_key, token, s.token_max_age_s)


def bearer_token(header: str) -> str | None:
    """The token of an Authorization header; None without one."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise InvalidToken()
    return token.strip()


def _bearer() -> str | None:
    return bearer_token(request.headers.get("Authorization", ""))


def bearer_user(header: str, s) -> int | None:
    """The user id of an Authorization header by the token's signature and
    age alone (no database read), with settings `s` (no app context needed:
    the grab's lean path calls it); None without a header."""
    claims = bearer_claims(header, s)
    return None if claims is None else claims[0]


def bearer_claims(header: str, s) -> tuple[int, int] | None:
    """(user id, token version) of an Authorization header, by signature and
    age alone; None without a header."""
    token = bearer_token(header)
    return None if token is None else _claims(token, s)


def user_from_header() -> int | None:
    """The bearer's user id by signature and age alone (no database read)."""
    return bearer_user(request.headers.get("Authorization", ""), settings())


def current_user(uid: int, version: int) -> str:
    """The nickname of user `uid` if a token of `version` still speaks for them
    (a read that never waits for writers)."""
    with reading() as session:
        row = session.execute(select(User.nickname, User.token_version)
                              .where(User.id == uid)).first()
    if row is None:  # a validly signed token for a user that is gone (a reset database)
        raise InvalidToken()
    if row.token_version != version:
        raise TokenRevoked()
    return row.nickname


def still_current(session, claims: list[tuple[int, int]]) -> list[DomainError | None]:
    """For each (user id, token version) of a batch of bearers, in one read:
    None if the token still speaks for its user, else the error
    login_required raises (the user gone, or the token revoked)."""
    uids = sorted({uid for uid, _ in claims})
    versions = dict(session.execute(select(User.id, User.token_version)
                                    .where(User.id.in_(uids))).all()) if uids else {}
    return [InvalidToken() if uid not in versions else
            TokenRevoked() if versions[uid] != version else None for uid, version in claims]


def socket_user(auth) -> tuple[int, str] | None:
    """A Socket.IO connect's user from `auth: {token}` (never the query string,
    which lands in access logs) or, for a console page, `auth: {console:
    csrf_token}` with the console's cookie: (id, nickname), None for a guest,
    or the token's (the session's) DomainError."""
    token = auth.get("token") if isinstance(auth, dict) else None
    if token is None and isinstance(auth, dict) and "console" in auth:
        return console_socket_user(auth["console"])
    if token is None or token == "":
        return None
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
        raise InvalidToken()
    uid, version = _claims(token)
    return uid, current_user(uid, version)


def console_socket_user(csrf) -> tuple[int, str]:
    """A console page's socket: the handshake's console cookie, and the
    session's CSRF token in the auth payload (a page of another site sends
    the cookie, but cannot know the token)."""
    raw = request.cookies.get(console_sessions.COOKIE)
    if not raw or not isinstance(csrf, str):
        raise NotSignedIn()
    s = settings()
    with transaction() as session:
        row = console_sessions.live_session(session, raw, now=clock.now(),
                                            idle_s=s.console_idle_timeout_s,
                                            max_age_s=s.console_max_age_s)
        if not console_sessions.csrf_ok(row, csrf):
            raise CsrfFailed()
        user = session.get(User, row.user_id)
        return user.id, user.nickname


def _documented(wrapper, view):
    """flask-smorest reads _apidoc: mark the operation as needing the bearer token."""
    wrapper._apidoc = deepcopy(getattr(view, "_apidoc", {}))
    wrapper._apidoc.setdefault("manual_doc", {})["security"] = [{"bearerAuth": []}]
    return wrapper


def bearer_required(view):
    """The bearer token's signature and age only, without the database read
    of login_required: for hot routes that also demand a credential issued
    moments ago to a current token (a flash-sale grab token)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        uid = user_from_header()
        if uid is None:
            raise Unauthorized()
        g.user_id = uid
        return view(*args, **kwargs)
    return _documented(wrapper, view)


def console_cookie() -> str | None:
    """The console's session cookie where it counts (/api/v1), else None."""
    if not request.path.startswith(COOKIE_PREFIX):
        return None
    return request.cookies.get(console_sessions.COOKIE) or None


def cookie_user(raw: str, *, check_csrf: bool = True) -> int:
    """The user of a live console session (its id in g.console_session_id);
    the CSRF header checked on unsafe methods."""
    s = settings()
    with transaction() as session:
        row = console_sessions.live_session(session, raw, now=clock.now(),
                                            idle_s=s.console_idle_timeout_s,
                                            max_age_s=s.console_max_age_s)
        if check_csrf and request.method in UNSAFE and \
                not console_sessions.csrf_ok(row, request.headers.get(CSRF_HEADER)):
            raise CsrfFailed()
        g.console_session_id = row.id
        return row.user_id


def request_user() -> int:
    """Who the request speaks for: the bearer token, else (on /api/v1) the
    console cookie; Unauthorized with neither."""
    token = _bearer()
    if token is not None:
        uid, version = _claims(token)
        current_user(uid, version)
        return uid
    raw = console_cookie()
    if raw is None:
        raise Unauthorized()
    return cookie_user(raw)


def client_meta() -> tuple[str | None, str]:
    """(client IP, user agent) of the request, as sessions and the log keep them."""
    return request_meta.client_ip(), request.headers.get("User-Agent", "")[:256]


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        g.user_id = request_user()
        return view(*args, **kwargs)
    return _documented(wrapper, view)
