"""create_app: the composition root. The only module in app/ that imports
feature packages."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from app import errors, ratelimit, socketio_frames
from app.apidoc.spec import Api
from app.config import Settings
from app.db import Database
from app.headers import SecurityHeaders
from app.queue import Queues
from app.redis import embedded_url, make_client
from app.schema import check_url_ids
from app.socketio import message_queue, queue_url, socketio


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
    app.extensions["mall.queues"] = Queues(settings.redis_url)
    ratelimit.install(app)

    from app import user_socket  # noqa: F401 - registers the default namespace

    socketio.init_app(app, async_mode=settings.socketio_async_mode,
                      client_manager=message_queue(
                          queue_url(settings.socketio_message_queue, settings.redis_url),
                          settings.socketio_channel, write_only=settings.socketio_write_only),
                      cors_allowed_origins=[])
    socketio_frames.install(socketio.server.eio)  # gevent serving only

    api = Api(app)
    _register_blueprints(app, api)
    api.describe_methods()
    errors.register(app)  # after Api, so our JSON shape replaces its handler

    from app import cli
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
                                   session_cookie=app.config["SESSION_COOKIE_NAME"])


def run_startup_checks(app: Flask) -> None:
    """Each feature's start-up check (a flash sale's Redis state lost with a
    Redis restart is rebuilt from the database). A failing check is logged,
    never fatal: the periodic sweeps repeat the work."""
    import logging

    with app.app_context():
        for check in app.extensions.get("mall.startup", []):
            try:
                check()
            except Exception:
                logging.getLogger(__name__).exception("start-up check %s failed",
                                                      check.__qualname__)


def _register_blueprints(app: Flask, api) -> None:
    import miniprogram_api
    from app.catalog.api import bp as staff_catalog
    from app.coupons import checkout as coupon_checkout
    from app.coupons.api import bp as staff_coupons
    from app.notify.api import bp as staff_notify
    from app.orders.api import bp as staff_orders
    from app.payments.api import bp as staff_refunds
    from app.payments.api import notify_bp
    from app.sharing import service as share_service
    from app.web.views import bp as web
    from community import member_setup
    from community import setup as community_setup
    from community.member_api import bp as staff_members
    from flashsale import setup as flashsale_setup
    from flashsale.api import bp as staff_flashsales
    from groupbuy import setup as groupbuy
    from groupbuy.api import bp as staff_groupbuy
    from live import setup as live_setup
    from referral import listeners as referral_listeners
    from referral.api import bp as staff_referral

    miniprogram_api.register(api)
    miniprogram_api.add_lean_paths(app)  # after socketio.init_app: outermost
    share_service.register_order_source()
    flashsale_setup.init_app(app)
    live_setup.init_app(app, api)
    api.register_blueprint(staff_flashsales)
    api.register_blueprint(staff_catalog)
    api.register_blueprint(staff_orders)
    api.register_blueprint(staff_refunds)
    api.register_blueprint(staff_coupons)
    coupon_checkout.connect()
    api.register_blueprint(notify_bp)
    api.register_blueprint(staff_groupbuy)
    groupbuy.register(app)
    api.register_blueprint(staff_referral)
    api.register_blueprint(staff_notify)
    referral_listeners.connect()
    community_setup.init_app(app, api, _community_offer_lookups())
    member_setup.init_app(app)
    api.register_blueprint(staff_members)
    app.register_blueprint(web)


def _community_offer_lookups() -> dict:
    """What a community may pin, looked up in the features that own it (the
    community package imports none of them): each returns the title of a
    target of the merchant, or raises that feature's not-found error."""
    from flashsale import activities as flash_activities
    from groupbuy import activities as group_activities
    from live import rooms as live_rooms
    from live.errors import RoomNotFound

    def live_room(session, merchant_id, room_id):
        room = live_rooms.get(session, room_id)
        if room.merchant_id != merchant_id:
            raise RoomNotFound(details={"room_id": room_id})
        return {"title": room.title}

    return {
        "group_buy": lambda s, m, i: {
            "title": group_activities.get_group_activity(s, i, merchant_id=m).title},
        "flash_sale": lambda s, m, i: {
            "title": flash_activities.get(s, i, merchant_id=m).title},
        "live_room": live_room,
    }
