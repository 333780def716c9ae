"""The document must name every error the suite provokes: for each API
response with an error status, its operation lists the status and the status
lists the code. tests/conftest.py checks after every test, so a test that
answers a new code fails until app/apidoc names it. 500 is never documented
(it is a bug, and tests that simulate one may get it)."""

from __future__ import annotations

import re

from flask import Flask, Response, request, request_finished

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
        request_finished.connect(self._record, app, weak=False)

    def _record(self, _sender, response: Response, **_) -> None:
        status = response.status_code
        if status < 400 or status in NEVER_DOCUMENTED or request.url_rule is None:
            return
        body = response.get_json(silent=True) if response.is_json else None
        error = body.get("error") if isinstance(body, dict) else None
        code = error.get("code") if isinstance(error, dict) else None
        self.seen.append((request.method, openapi_path(request.url_rule.rule), status, code))

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
