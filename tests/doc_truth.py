"""The document must name every error the suite provokes: for each API
response with an error status, its operation lists the status and the status
lists the code. tests/conftest.py checks after every test, so a test that
answers a new code fails until app/apidoc names it. 500 is never documented
(it is a bug, and tests that simulate one may get it).

The answers are read at the app's outermost WSGI layer, not from Flask's
signals: a layer that answers before Flask (the grab's lean path,
miniprogram_api/grab_path.py) is held to the document too."""

from __future__ import annotations

import json
import re

from flask import Flask
from werkzeug.exceptions import HTTPException

RULE_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
NEVER_DOCUMENTED = frozenset({500})


def openapi_path(rule: str) -> str:
    """/mp/v1/orders/<int:order_id> -> /mp/v1/orders/{order_id}"""
    return RULE_PARAM.sub(r"{\1}", rule)


class Recorder:
    def __init__(self, app: Flask):
        self.app = app
        self.seen: list[tuple[str, str, int, str | None]] = []
        self._doc: dict | None = None
        self.wrapped, app.wsgi_app = app.wsgi_app, self  # the outermost WSGI layer

    def __call__(self, environ, start_response):
        answered = []

        def start(status, headers, exc_info=None):
            answered.append(int(status.split(" ", 1)[0]))
            return start_response(status, headers, exc_info)

        body = self.wrapped(environ, start)
        if not answered or answered[0] < 400 or answered[0] in NEVER_DOCUMENTED:
            return body
        try:
            chunks = list(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self._record(environ, answered[0], b"".join(chunks))
        return chunks

    def _record(self, environ, status: int, raw: bytes) -> None:
        try:
            rule, _ = self.app.url_map.bind_to_environ(environ).match(return_rule=True)
        except HTTPException:
            return  # no route: not an API operation
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        error = body.get("error") if isinstance(body, dict) else None
        code = error.get("code") if isinstance(error, dict) else None
        self.seen.append((environ["REQUEST_METHOD"], openapi_path(rule.rule), status, code))

    def doc(self) -> dict:
        if self._doc is None:
            self._doc = self.app.test_client().get("/openapi.json").json
        return self._doc

    def undocumented(self) -> list[str]:
        """What the responses seen since the last call answered that the document
        does not name (and forget them)."""
        seen, self.seen = self.seen, []
        paths = self.doc()["paths"]
        problems = []
        for method, path, status, code in dict.fromkeys(seen):
            operation = paths.get(path, {}).get(method.lower())
            if operation is None:
                continue  # not an API operation (pages, /healthz, HEAD, OPTIONS)
            response = operation["responses"].get(str(status))
            codes = _codes(response) if response else []
            if code not in codes:
                problems.append(f"{method} {path} answered {status} {code}; the document "
                                f"lists {codes if response else 'no ' + str(status)}")
        return problems


def _codes(response: dict) -> list[str]:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    for part in schema.get("allOf", ()):
        code = part.get("properties", {}).get("error", {}).get("properties", {}).get("code")
        if code:
            return code["enum"]
    return []
