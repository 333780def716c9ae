"""The console: one HTML shell at /console/ and its own static files under
/console/static/ (the vendored libraries are the app's /static/vendor/).

The page compiles its Vue templates in the browser, which builds functions
from strings: its answer alone allows `'unsafe-eval'` in script-src
(CONSOLE_CSP). Everything else stays as strict as every other page: scripts
from this origin only, no inline script or style; the JSON API keeps
`default-src 'none'`."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template

from app.console import assets
from app.headers import PAGE_CSP

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static", static_url_path="/static")

# The one per-route exception to the page policy: Vue's template compiler.
CONSOLE_CSP = PAGE_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'", 1)
assert CONSOLE_CSP != PAGE_CSP


@bp.get("")
def no_slash():
    return redirect("/console/", code=308)


@bp.get("/")
def shell():
    """The single page; its routes live after the '#' (#/dashboard, #/invite/<token>)."""
    html = render_template("console/index.html", assets=assets)
    return html, 200, {"Content-Security-Policy": CONSOLE_CSP, "Cache-Control": "no-cache"}
