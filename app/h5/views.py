"""The buyer app: one HTML shell at /h5/ and its own static files under
/h5/static/ (the vendored libraries are the app's /static/vendor/).

Like the console, the page compiles its Vue templates in the browser, so
its answer alone allows `'unsafe-eval'` in script-src (H5_CSP), and `blob:`
in img-src (the preview of a photo the buyer picks before it is uploaded);
everything else is the strict page policy: this origin only, no inline
script or style."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from app.h5 import assets
from app.headers import PAGE_CSP

bp = Blueprint("h5", __name__, url_prefix="/h5", template_folder="templates",
               static_folder="static", static_url_path="/static")

H5_CSP = PAGE_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'", 1) \
    .replace("img-src 'self' data:", "img-src 'self' data: blob:", 1)
assert H5_CSP.count("'unsafe-eval'") == 1 and H5_CSP.count("blob:") == 1


@bp.get("")
def no_slash():
    return redirect("/h5/", code=308)


@bp.get("/")
def shell():
    """The single page; its routes live after the '#' (#/product/7, #/orders/3)."""
    paths = {"vantEnglish": url_for("static", filename=assets.VANT_ENGLISH),
             "regions": url_for("static", filename=assets.REGIONS),
             "echarts": url_for("static", filename=assets.ECHARTS),
             "qrcode": url_for("static", filename=assets.QRCODE)}
    html = render_template("h5/index.html", assets=assets, paths=paths)
    return html, 200, {"Content-Security-Policy": H5_CSP, "Cache-Control": "no-cache"}
