"""Flask glue for auth: the bearer token -> g.user_id, and the resolver the
settings call for."""

from __future__ import annotations

from copy import deepcopy
from functools import wraps

from flask import current_app, g, request

from app.auth import tokens, wechat
from app.auth.errors import InvalidToken, LoginNotConfigured
from app.auth.models import User
from app.db import transaction
from app.errors import Unauthorized


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


def issue_token(user_id: int) -> str:
    return tokens.issue(settings().secret_key, user_id)


def user_from_header() -> int | None:
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise InvalidToken()
    s = settings()
    return tokens.verify(s.secret_key, token.strip(), s.token_max_age_s)


def _check_exists(user_id: int) -> None:
    """A validly signed token for a user that is gone (e.g. a reset database)."""
    with transaction() as session:
        if session.get(User, user_id) is None:
            raise InvalidToken()


def bearer_required(view):
    """The bearer token's signature and age only, without the database read
    of login_required: for hot routes that also demand a credential issued
    moments ago to an existing user (a flash-sale grab token)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        uid = user_from_header()
        if uid is None:
            raise Unauthorized()
        g.user_id = uid
        return view(*args, **kwargs)
    wrapper._apidoc = deepcopy(getattr(view, "_apidoc", {}))
    wrapper._apidoc.setdefault("manual_doc", {})["security"] = [{"bearerAuth": []}]
    return wrapper


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        uid = user_from_header()
        if uid is None:
            raise Unauthorized()
        _check_exists(uid)
        g.user_id = uid
        return view(*args, **kwargs)
    # flask-smorest reads _apidoc: mark the operation as needing the bearer token
    wrapper._apidoc = deepcopy(getattr(view, "_apidoc", {}))
    wrapper._apidoc.setdefault("manual_doc", {})["security"] = [{"bearerAuth": []}]
    return wrapper
