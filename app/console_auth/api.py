"""Console sessions: password sign-in, the session, sign-out and sign out
everywhere. The cookie stands for a bearer token on every /api/v1 route
(app/auth/access.py)."""

from __future__ import annotations

from flask import g, request

from app import clock
from app.auth import console_sessions
from app.auth.access import client_meta, console_cookie, login_required, settings
from app.auth.errors import CsrfFailed, NotSignedIn
from app.auth.service import sign_out_everywhere
from app.console_auth import cookie
from app.console_auth.body import session_body
from app.console_auth.schemas import SessionOut, SignInIn
from app.console_auth.signin import check_password, normal_login
from app.db import transaction
from app.ratelimit import IP, TOO_MANY_DOC, USER, limiter
from app.schema import Blueprint

bp = Blueprint("console_session", __name__, url_prefix="/api/v1/console",
               description="Console sign-in: sessions in an HttpOnly cookie, with CSRF.")


def _live(session, raw: str | None):
    if raw is None:
        raise NotSignedIn()
    s = settings()
    return console_sessions.live_session(session, raw, now=clock.now(),
                                         idle_s=s.console_idle_timeout_s,
                                         max_age_s=s.console_max_age_s)


@bp.post("/session")
@bp.arguments(SignInIn)
@bp.response(200, SessionOut)
@bp.doc(responses={"429": TOO_MANY_DOC})
def sign_in(data):
    """Sign in with login and password: sets the `mall_console` cookie.

    A wrong login, a wrong password and a user without a staff role all
    answer 401 `bad_credentials`. Attempts are limited per login and per
    client IP (429 `rate_limited`)."""
    ip, _ = client_meta()
    limiter().hit("staff_login", IP, ip or "-")
    limiter().hit("staff_login", USER, "login:" + normal_login(data["login"]))
    now = clock.now()
    with transaction() as session:
        user_id = check_password(session, login=data["login"], password=data["password"],
                                 now=now)
        csrf = cookie.sign_in(session, user_id, now)
        g.user_id = user_id
        return session_body(session, user_id, csrf)


@bp.get("/session")
@bp.response(200, SessionOut)
def current():
    """The signed-in user, roles, merchants and the areas they open; 401
    `not_signed_in` without a live session."""
    with transaction() as session:
        row = _live(session, console_cookie())
        return session_body(session, row.user_id, row.csrf_token)


@bp.delete("/session")
@bp.response(204)
def sign_out():
    """Sign out this session (needs X-CSRF-Token); without a live session
    there is nothing to end and it answers 204 too. The cookie is cleared."""
    raw = console_cookie()
    with transaction() as session:
        try:
            row = _live(session, raw)
        except NotSignedIn:
            row = None
        if row is not None:
            if not console_sessions.csrf_ok(row, request.headers.get("X-CSRF-Token")):
                raise CsrfFailed()
            console_sessions.revoke(session, row.id, clock.now())
    cookie.sign_out()


@bp.post("/session/revoke-all")
@login_required
@bp.response(204)
def revoke_all():
    """Sign out everywhere: every console session of the user and every
    bearer token issued to them so far."""
    with transaction() as session:
        console_sessions.revoke_all(session, g.user_id, clock.now())
        sign_out_everywhere(session, g.user_id)
    cookie.sign_out()
