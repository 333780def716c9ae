"""create_app: the composition root. It makes the extensions, binds the
Socket.IO server, installs each feature of app.features.FEATURES (the one
list naming feature packages) and shapes every error."""

from __future__ import annotations

import logging

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from app import cli, errors, ratelimit, socketio_frames
from app.apidoc.spec import Api
from app.auth.console_sessions import COOKIE as CONSOLE_COOKIE
from app.config import Settings
from app.db import Database
from app.headers import SecurityHeaders
from app.queue import Queues
from app.redis import embedded_url, make_client
from app.schema import check_url_ids
from app.socketio import message_queue, queue_url, socketio

log = logging.getLogger(__name__)


class CookieSessionWhenSent(SecureCookieSessionInterface):
    """Flask's signed-cookie session, opened only when the request carries
    one: the API (bearer tokens, no cookies) skips the signer per request."""

    def open_session(self, app, request):
        if not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


def create_app(settings: Settings | None = None, **overrides) -> Flask:
    settings = settings or Settings.from_env(**overrides)
    app = Flask(__name__, instance_path=settings.instance_dir)
    app.session_interface = CookieSessionWhenSent()
    app.url_value_preprocessor(check_url_ids)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        TESTING=settings.testing,
        MAX_CONTENT_LENGTH=1 * 1024 * 1024,
        API_TITLE="Live & social commerce API",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        # /docs and /openapi.json: off in production unless API_DOCS=on
        OPENAPI_URL_PREFIX="/" if settings.docs_enabled else None,
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="/static/swagger-ui/",
    )
    if not settings.redis_url:
        settings.redis_url = embedded_url(settings.instance_dir)
    app.extensions["mall.settings"] = settings
    app.extensions["mall.db"] = Database(settings.database_url)
    app.extensions["mall.redis"] = make_client(settings.redis_url)
    app.extensions["mall.queues"] = Queues(settings.queue_url)
    ratelimit.install(app)

    features = _features()
    for feature in features:
        feature.load_sockets()
    socketio.init_app(app, async_mode=settings.socketio_async_mode,
                      client_manager=message_queue(
                          queue_url(settings.socketio_message_queue, settings.queue_url),
                          settings.socketio_channel, write_only=settings.socketio_write_only),
                      cors_allowed_origins=[])
    socketio_frames.install(socketio.server.eio)  # gevent serving only

    api = Api(app)
    for feature in features:
        feature.install(app, api)
    api.describe_methods()
    errors.register(app)  # after Api, so our JSON shape replaces its handler
    cli.register(app)
    _wrap_wsgi(app, settings)
    return app


def _wrap_wsgi(app: Flask, settings: Settings) -> None:
    """The outer WSGI layers, outside Socket.IO and the grab's lean path:
    under gevent a deadline on reading the body, the client's address from
    trusted proxies, then the security headers."""
    if settings.socketio_async_mode == "gevent":
        from app.slow_clients import BodyDeadline  # gevent: only where it serves

        app.wsgi_app = BodyDeadline(app.wsgi_app, settings.server_body_timeout_s)
    if settings.trusted_proxies:
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)
    app.wsgi_app = SecurityHeaders(app.wsgi_app,
                                   https=settings.public_base_url.startswith("https://"),
                                   session_cookie=app.config["SESSION_COOKIE_NAME"],
                                   other_cookies=(CONSOLE_COOKIE,))


def run_startup_checks(app: Flask) -> None:
    """Each feature's start-up checks (a flash sale's Redis state lost with a
    Redis restart is rebuilt from the database). A failing check is logged,
    never fatal: the periodic sweeps repeat the work."""
    with app.app_context():
        for feature in _features():
            for check in feature.startup_checks:
                try:
                    check()
                except Exception:
                    log.exception("start-up check %s failed", check.__qualname__)


def _features():
    """The feature list, imported when an app is made: importing `app.clock`
    or `app.money` (as pure rules do) never loads every feature."""
    from app.features import FEATURES

    return FEATURES
