"""Pages and operational endpoints: the storefront page, share landing pages
(/s/<scene>, where QR codes point), /healthz and the locally served Swagger
UI assets for /docs."""

from __future__ import annotations

from urllib.parse import quote

from flask import (
    Blueprint,
    current_app,
    render_template,
    render_template_string,
    send_from_directory,
)
from swagger_ui_bundle import swagger_ui_path

from app import clock, health
from app.catalog import service as catalog
from app.db import transaction
from app.errors import DomainError
from app.money import yuan
from app.sharing import poster_cards
from app.sharing import service as sharing

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/web")


@bp.get("/healthz")
def healthz():
    return health.report(current_app)


@bp.get("/")
def storefront():
    with transaction() as session:
        products, total = catalog.list_products(session, on_sale_only=True, page=1,
                                                per_page=100)
        return render_template("storefront.html", products=products, total=total, yuan=yuan,
                               docs=current_app.extensions["mall.settings"].docs_enabled)


@bp.get("/static/swagger-ui/<path:filename>")
def swagger_assets(filename):
    return send_from_directory(swagger_ui_path, filename)


# the landing page speaks Chinese first, with English under each line: its
# readers open it from WeChat; (Chinese, English) per message
TEXT = {
    "expired": ("分享已过期", "This share has expired"),
    "not_found": ("分享不存在", "Share not found"),
    "invites": ("{name} 邀请你", "{name} invites you"),
    "shared_by": ("来自 {name} 的分享", "Shared by {name}."),
    "a_friend": ("好友", "a friend"),
    "in_wechat": ("在微信中打开此链接，即可在小程序中查看", "Open this link in WeChat to see it in"
                  " the mini-program"),
    "browse": ("逛逛店铺", "Browse the shop"),
    "open_app": ("在网页版中打开", "Open in the web app"),
    "completed": ("该团已成团，不再接受新成员。",
                  "This group is complete: it takes no more members."),
    "group_expired": ("该团已过期，不再接受新成员。",
                      "This group has expired: it takes no more members."),
}

SHARE_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title[0] }}</title>
<link rel="stylesheet" href="{{ url_for('web.static', filename='site.css') }}"></head>
<body class="share">
{% macro bi(pair) %}{{ pair[0] }}
  {%- if pair[1] %}<span class="en" lang="en">{{ pair[1] }}</span>{% endif %}{% endmacro %}
<h1>{{ bi(title) }}</h1>
{% if share and closed %}
  <p class="closed">{{ bi(closed) }}</p>
  <p><a href="/">{{ bi(text.browse) }}</a></p>
{% elif share %}
  {% if share.target.get("price_fen") is not none %}
  <p class="price">&yen;{{ yuan(share.target.price_fen) }}</p>
  {% endif %}
  <p>{{ bi(shared_by) }}</p>
  <p>{{ bi(text.in_wechat) }} <code>{{ share.target.path }}</code></p>
  {% if app_url %}
  <p><a class="open-app" href="{{ app_url }}" data-testid="open-in-h5">
    {{- bi(text.open_app) }}</a></p>
  {% endif %}
  <p><a href="/">{{ bi(text.browse) }}</a></p>
{% else %}
  <p>{{ message }}</p><p><a href="/">{{ bi(text.browse) }}</a></p>
{% endif %}
</body></html>"""


@bp.get("/s/<path:scene>")
def share_landing(scene):
    """Where a share's QR code points: resolves the scene (a scan) and shows
    what was shared; an unknown scene is a 404 page, an expired one a 410."""
    base_url = current_app.extensions["mall.settings"].public_base_url
    try:
        with transaction() as session:
            share = sharing.resolve(session, scene=scene, now=clock.now(), base_url=base_url)
    except DomainError as exc:
        title = TEXT["expired" if exc.status == 410 else "not_found"]
        return render_template_string(SHARE_PAGE, share=None, title=title, text=TEXT,
                                      message=exc.message), exc.status
    title = _title(share)
    return render_template_string(SHARE_PAGE, share=share, title=title, yuan=yuan, text=TEXT,
                                  shared_by=_fill(TEXT["shared_by"], _sharer(share)),
                                  closed=_closed(share), app_url=_app_url(share))


def _sharer(share: dict) -> tuple[str, str]:
    name = share["sharer"]["nickname"]
    return (name, name) if name else TEXT["a_friend"]


def _fill(pair: tuple[str, str], name: tuple[str, str]) -> tuple[str, str]:
    return pair[0].format(name=name[0]), pair[1].format(name=name[1])


def _title(share: dict) -> tuple[str, str]:
    """What was shared, by its own title (one language: the merchant's); an
    invite by who sent it."""
    title = share["target"].get("title")
    return (title, "") if title else _fill(TEXT["invites"], _sharer(share))


# the buyer web app's page for each kind of share it opens: invites by their
# scene (joining is the page's work), the others by what was shared
H5_BY_SCENE = {"community": "/h5/#/join/{scene}", "invite": "/h5/#/join/{scene}"}
H5_BY_TARGET = {"group": "/h5/#/group/{id}", "bargain": "/h5/#/bargain/{id}",
                "product": "/h5/#/product/{id}", "room": "/h5/#/live/{id}"}


def _app_url(share: dict) -> str | None:
    """The buyer web app's page of what was shared; None for a kind it has no page for."""
    if share["kind"] in H5_BY_SCENE:
        return H5_BY_SCENE[share["kind"]].format(scene=quote(share["scene"], safe=""))
    page = H5_BY_TARGET.get(share["kind"])
    return page.format(id=share["target_id"]) if page and share.get("target_id") else None


GROUP_CLOSED = {"completed": TEXT["completed"], "expired": TEXT["group_expired"]}


def _closed(share: dict) -> tuple[str, str] | None:
    """What a group share's page says instead of inviting people in, once the
    group completed or expired; None while it takes members (and for other kinds)."""
    if share["kind"] != "group":
        return None
    return GROUP_CLOSED.get(poster_cards.group_closed(share["target"], clock.now()) or "")
