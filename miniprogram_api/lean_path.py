"""The lean path for a hot POST: a WSGI layer in front of Flask that serves
one route when the request has its plain shape (a valid bearer token and a
small JSON object, or no body, as the route says) and hands anything else to
Flask unchanged, which gives the canonical answer. A crowd then costs no
request context, routing, webargs or response schema. A route subclasses
LeanPath: PATH, and `plain(data)` and `serve(...)`."""

from __future__ import annotations

import io
import json
import logging
import re

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from app.auth.access import bearer_user
from app.errors import DomainError, internal_error

log = logging.getLogger(__name__)

MAX_BODY = 4096


class LeanPath:
    """WSGI middleware: `app.wsgi_app = Route(app, app.wsgi_app)`."""

    PATH: re.Pattern  # the route; its groups are passed to serve()
    BODY = True  # False: the route takes no body (an empty one or `{}`)

    def __init__(self, app: Flask, wrapped):
        self.app, self.wrapped = app, wrapped
        self.settings = app.extensions["mall.settings"]

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "POST":
            return self.wrapped(environ, start_response)
        match = self.PATH.fullmatch(environ.get("PATH_INFO", ""))
        if match is None:
            return self.wrapped(environ, start_response)
        parsed = self._parse(environ)
        if parsed is None:  # not the plain shape: Flask answers
            return self.wrapped(environ, start_response)
        user_id, data = parsed
        try:
            status, body = self.serve(match, user_id, data, environ)
        except DomainError as exc:
            status, body = exc.status, exc.to_dict()
        except Exception:
            log.exception("unhandled error")
            status, body = 500, internal_error().to_dict()
        payload = (self.app.json.dumps(body, separators=(",", ":")) + "\n").encode()
        start_response(f"{status} {HTTP_STATUS_CODES[status].upper()}",
                       [("Content-Type", "application/json"),
                        ("Content-Length", str(len(payload)))])
        return [payload]

    def plain(self, data) -> bool:
        """Whether `data` (the parsed body, {} for none) has the shape the
        route's schema accepts as is; it may normalise `data` in place."""
        raise NotImplementedError

    def serve(self, match: re.Match, user_id: int, data: dict, environ) -> tuple[int, dict]:
        """(status, JSON body): the view's call and shapes. A DomainError
        raised here is answered as Flask answers it."""
        raise NotImplementedError

    def _parse(self, environ) -> tuple[int, dict] | None:
        """(user id, body fields) or None. A body read here is put back for Flask."""
        user_id = self._user(environ.get("HTTP_AUTHORIZATION", ""))
        if user_id is None:
            return None
        raw = self._body(environ)
        if raw is None:
            return None
        if not raw:
            data = {}
        else:
            try:
                data = json.loads(raw)
            except (ValueError, RecursionError):
                return None
        return (user_id, data) if self.plain(data) else None

    def _body(self, environ) -> bytes | None:
        ctype = environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if length == 0:
            return None if self.BODY else b""
        if ctype != "application/json" or not 0 < length <= MAX_BODY:
            return None
        try:
            raw = environ["wsgi.input"].read(length)
        except HTTPException:  # a body past its deadline: Flask answers the 408
            return None
        environ["wsgi.input"] = io.BytesIO(raw)
        return raw

    def _user(self, header: str) -> int | None:
        """The bearer's user, checked as bearer_required does; None: Flask answers."""
        try:
            return bearer_user(header, self.settings)
        except DomainError:
            return None
