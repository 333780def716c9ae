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


SHARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="stylesheet" href="{{ url_for('web.static', filename='site.css') }}"></head>
<body class="share">
{% if share and closed %}
  <h1>{{ title }}</h1>
  <p class="closed">{{ closed }}</p>
  <p><a href="/">Browse the shop</a></p>
{% elif share %}
  <h1>{{ title }}</h1>
  {% if share.target.get("price_fen") is not none %}
  <p class="price">&yen;{{ yuan(share.target.price_fen) }}</p>
  {% endif %}
  <p>Shared by {{ share.sharer.nickname or "a friend" }}.</p>
  <p>Open this link in WeChat to see it in the mini-program
     (page <code>{{ share.target.path }}</code>), or <a href="/">browse the shop</a>.</p>
  {% if app_url %}
  <p><a class="open-app" href="{{ app_url }}" data-testid="open-in-h5">
     在网页版中打开 · Open in the web app</a></p>
  {% endif %}
{% else %}
  <h1>{{ title }}</h1><p>{{ message }}</p><p><a href="/">Browse the shop</a></p>
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
        title = "This share has expired" if exc.status == 410 else "Share not found"
        return render_template_string(SHARE_PAGE, share=None, title=title,
                                      message=exc.message), exc.status
    title = share["target"].get("title") or f"{share['sharer']['nickname']} invites you"
    return render_template_string(SHARE_PAGE, share=share, title=title, yuan=yuan,
                                  closed=_closed(share), app_url=_app_url(share))


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


GROUP_CLOSED = {"completed": "This group is complete: it takes no more members.",
                "expired": "This group has expired: it takes no more members."}


def _closed(share: dict) -> str | None:
    """What a group share's page says instead of inviting people in, once the
    group completed or expired; None while it takes members (and for other kinds)."""
    if share["kind"] != "group":
        return None
    return GROUP_CLOSED.get(poster_cards.group_closed(share["target"], clock.now()) or "")
