"""The console cookie on the answer: HttpOnly, SameSite=Lax, Path=/,
Secure in production; it lives as long as the session's absolute limit."""

from __future__ import annotations

from flask import after_this_request

from app.auth.access import client_meta, settings
from app.auth.console_sessions import COOKIE, open_session


def sign_in(session, user_id: int, now) -> str:
    """Open a console session for the user, set its cookie on this request's
    answer, and return its CSRF token."""
    ip, agent = client_meta()
    raw, row = open_session(session, user_id=user_id, ip=ip, user_agent=agent, now=now)
    s = settings()

    @after_this_request
    def _set(response):
        response.set_cookie(COOKIE, raw, max_age=s.console_max_age_s, path="/",
                            httponly=True, samesite="Lax", secure=s.app_env == "production")
        return response

    return row.csrf_token


def sign_out() -> None:
    @after_this_request
    def _clear(response):
        s = settings()
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="Lax",
                               secure=s.app_env == "production")
        return response
