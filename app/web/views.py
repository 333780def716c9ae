"""Pages and operational endpoints: the storefront page, /healthz and the
locally served Swagger UI assets for /docs."""

from __future__ import annotations

from flask import Blueprint, render_template, send_from_directory
from sqlalchemy import text
from swagger_ui_bundle import swagger_ui_path

from app.catalog import service as catalog
from app.db import transaction
from app.money import yuan
from app.redis import client as redis_client

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/web")


@bp.get("/healthz")
def healthz():
    with transaction() as session:
        session.execute(text("SELECT 1"))
    redis_client().ping()
    return {"status": "ok", "db": "ok", "redis": "ok"}


@bp.get("/")
def storefront():
    with transaction() as session:
        products, total = catalog.list_products(session, on_sale_only=True, page=1,
                                                per_page=100)
        return render_template("storefront.html", products=products, total=total, yuan=yuan)


@bp.get("/static/swagger-ui/<path:filename>")
def swagger_assets(filename):
    return send_from_directory(swagger_ui_path, filename)
