"""Users and roles: the users' own Socket.IO room (default namespace) and
the create-admin command (login routes are in miniprogram_api)."""

from app.auth import cli
from app.feature import Feature

FEATURE = Feature(
    name="auth",
    sockets=("app.user_socket",),
    models=("app.auth.models",),
    commands=(cli.create_admin,),
)
