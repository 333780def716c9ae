"""Security headers on every answer, set in one place: a WSGI layer outside
everything else (Flask, the grab's lean path, Socket.IO's polling), so no
page, JSON answer, error, static file or fast path goes without them.

- every answer: `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
  `Referrer-Policy: same-origin`, and a Content-Security-Policy: pages
  (text/html) load scripts, styles, images and connections from this origin
  only (no inline script or style: the templates keep theirs in files);
  anything else gets `default-src 'none'` (a JSON body or an SVG opened as a
  page runs nothing); both forbid framing (`frame-ancestors 'none'`);
- a request that carried credentials (a bearer token or a session cookie)
  is answered `Cache-Control: no-store` when the answer is JSON;
- `Strict-Transport-Security` when the site is served over https.
A header the view set itself is kept, except Cache-Control on credentialed JSON.
"""

from __future__ import annotations

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
OTHER_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
ALWAYS = (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
          ("Referrer-Policy", "same-origin"))
HSTS = ("Strict-Transport-Security", "max-age=31536000")


class SecurityHeaders:
    """WSGI middleware: `app.wsgi_app = SecurityHeaders(app.wsgi_app, ...)`."""

    def __init__(self, wrapped, *, https: bool, session_cookie: str = "session",
                 other_cookies: tuple[str, ...] = ()):
        self.wrapped = wrapped
        self.always = ALWAYS + ((HSTS,) if https else ())
        self.cookies = frozenset((session_cookie, *other_cookies))

    def __call__(self, environ, start_response):
        cookies = (part.partition("=")[0].strip()
                   for part in environ.get("HTTP_COOKIE", "").split(";"))
        credentialed = bool(environ.get("HTTP_AUTHORIZATION")) or \
            not self.cookies.isdisjoint(cookies)

        def start(status, headers, exc_info=None):
            return start_response(status, self.secure(headers, credentialed), exc_info)

        return self.wrapped(environ, start)

    def secure(self, headers: list, credentialed: bool) -> list:
        names = {name.lower(): value for name, value in headers}
        ctype = names.get("content-type", "").partition(";")[0].strip().lower()
        added = [(k, v) for k, v in self.always if k.lower() not in names]
        if "content-security-policy" not in names:
            added.append(("Content-Security-Policy",
                          PAGE_CSP if ctype == "text/html" else OTHER_CSP))
        if credentialed and ctype == "application/json":
            headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
            added.append(("Cache-Control", "no-store"))
        return list(headers) + added
