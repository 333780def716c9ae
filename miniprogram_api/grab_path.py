"""The grab's lean path: a WSGI layer in front of Flask that serves exactly
POST /mp/v1/flashsales/<id>/grab when the request has the plain shape (a
valid bearer token, a small JSON object with a grab token, optionally
quantity and source). It calls the same runtime as the Flask view
(miniprogram_api/flashsale.py) and answers in the same shapes; anything
else (no or bad credentials, odd bodies, other content types) goes on to
Flask unchanged, which gives the canonical answer. A flash sale's crowd
then costs no request context, routing, webargs or response schema."""

from __future__ import annotations

import io
import json
import logging
import re

from flask import Flask
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from app.auth.access import bearer_user
from app.errors import DomainError, internal_error
from app.orders.schemas import SourceIn
from flashsale import rules

log = logging.getLogger(__name__)

# at most 18 digits: always within the 64-bit ids check_url_ids allows
PATH = re.compile(r"/mp/v1/flashsales/([1-9][0-9]{0,17})/grab")
GRAB_TOKEN = re.compile(r"[A-Za-z0-9_\-]{1,64}")  # printable, within GrabIn's Text(64, 1)
MAX_BODY = 4096
FIELDS = frozenset(("token", "quantity", "source"))
SOURCE = SourceIn()


class LeanGrab:
    """WSGI middleware: `app.wsgi_app = LeanGrab(app, app.wsgi_app)`."""

    def __init__(self, app: Flask, wrapped):
        self.app, self.wrapped = app, wrapped
        self.settings = app.extensions["mall.settings"]

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "POST":
            return self.wrapped(environ, start_response)
        match = PATH.fullmatch(environ.get("PATH_INFO", ""))
        if match is None:
            return self.wrapped(environ, start_response)
        parsed = self._parse(environ)
        if parsed is None:  # not the plain shape: Flask answers
            return self.wrapped(environ, start_response)
        user_id, data = parsed
        status, body = self._grab(int(match.group(1)), user_id, data)
        payload = (self.app.json.dumps(body, separators=(",", ":")) + "\n").encode()
        start_response(f"{status} {HTTP_STATUS_CODES[status].upper()}",
                       [("Content-Type", "application/json"),
                        ("Content-Length", str(len(payload)))])
        return [payload]

    def _parse(self, environ) -> tuple[int, dict] | None:
        """(user id, grab fields) or None. A body read here is put back for Flask."""
        user_id = self._user(environ.get("HTTP_AUTHORIZATION", ""))
        ctype = environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
        if user_id is None or ctype != "application/json":
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            return None
        if not 0 < length <= MAX_BODY:
            return None
        try:
            raw = environ["wsgi.input"].read(length)
        except HTTPException:  # a body past its deadline: Flask answers the 408
            return None
        environ["wsgi.input"] = io.BytesIO(raw)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return None
        return (user_id, data) if _plain(data) else None

    def _user(self, header: str) -> int | None:
        """The bearer's user, checked as bearer_required does; None: Flask answers."""
        try:
            return bearer_user(header, self.settings)
        except DomainError:
            return None

    def _grab(self, activity_id: int, user_id: int, data: dict) -> tuple[int, dict]:
        """The view's call and shapes: 201 GrabOut, or the error's JSON."""
        try:
            placed = self.app.extensions["flashsale"].grab(
                activity_id=activity_id, user_id=user_id, quantity=data.get("quantity", 1),
                token=data["token"], source=data.get("source", {}))
        except DomainError as exc:
            return exc.status, exc.to_dict()
        except Exception:
            log.exception("unhandled error")
            return 500, internal_error().to_dict()
        return 201, {"order_id": placed.order_id, "activity_id": placed.activity_id,
                     "quantity": placed.quantity, "price_fen": placed.price_fen,
                     "total_fen": placed.total_fen,
                     "pay_deadline": placed.pay_deadline.isoformat()}


def _plain(data) -> bool:
    """The shape GrabIn accepts as is; `source` is checked (and normalised)
    by its own schema."""
    if not isinstance(data, dict) or not data.keys() <= FIELDS:
        return False
    token = data.get("token")
    if not isinstance(token, str) or not GRAB_TOKEN.fullmatch(token):
        return False
    quantity = data.get("quantity", 1)
    if type(quantity) is not int or not 1 <= quantity <= rules.MAX_LIMIT:
        return False
    if "source" in data:
        try:
            data["source"] = SOURCE.load(data["source"])
        except (ValidationError, TypeError):
            return False
    return True
