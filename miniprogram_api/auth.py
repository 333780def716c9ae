"""Login with a wx.login code, sign out everywhere, and who am I."""

from flask import g

from app import clock
from app.auth import service
from app.auth.access import issue_token, login_required, resolver, settings
from app.auth.schemas import LoginIn, LoginOut, MeOut
from app.db import transaction
from app.ratelimit import count_user, limited
from app.redis import client as redis_client
from app.schema import Blueprint

bp = Blueprint("mp_auth", __name__, url_prefix="/mp/v1",
               description="Mini-program login (code2session) and the current user.")


@bp.post("/auth/login")
@limited("login")
@bp.arguments(LoginIn)
@bp.response(200, LoginOut)
def login(data):
    """Limited per client IP, and per person once the code names them."""
    with transaction() as session:
        user = service.login(session, resolver(), redis_client(), code=data["code"],
                             now=clock.now())
        count_user("login", user.id)
        token = issue_token(user)
    return {"token": token, "expires_in": settings().token_max_age_s, "user": user}


@bp.post("/auth/logout-all")
@login_required
@bp.response(204)
def logout_all():
    """Sign out everywhere: every token issued so far, this one included, is
    refused from now on, over HTTP and on Socket.IO connects."""
    with transaction() as session:
        service.sign_out_everywhere(session, g.user_id)


@bp.get("/me")
@login_required
@bp.response(200, MeOut)
def me():
    with transaction() as session:
        user = service.get_user(session, g.user_id)
        return me_of(session, user)


def me_of(session, user) -> dict:
    return {"id": user.id, "nickname": user.nickname, "avatar_url": user.avatar_url,
            "created_at": user.created_at, "roles": service.roles_of(session, user.id)}
