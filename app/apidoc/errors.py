"""Errors in the OpenAPI document as the server sends them.

Every error is `{"error": {"code", "message", "details"}}` (the `Error`
component). Each operation lists the statuses it can answer, and for each
status the stable codes it may carry, as an `enum` on `error.code` and in
the description. The codes are those the operation names in
operation_errors.py plus what follows from the operation itself: a bearer
token (401), on /api/v1 the console cookie instead (401 `not_signed_in`, and
403 `csrf_failed` on unsafe methods), a staff path (403 `forbidden`, 404
`merchant_not_found`; 403 `merchant_suspended` on its writes), ids in
the path (404 `not_found`), a parsed query or body (422), a body (413) that
is parsed as JSON (400), a rate limit (429 `rate_limited`, its `Retry-After`
header kept). A code's status is the one its DomainError class has.
"""

from __future__ import annotations

import re
from http import HTTPStatus

from apispec import BasePlugin
from marshmallow import Schema, fields

from app.apidoc.codes import status_of_codes
from app.apidoc.operation_errors import OPERATION_ERRORS

AUTH_CODES = ("unauthorized", "invalid_token", "token_expired", "token_revoked")
STAFF_PREFIX = "/api/v1/merchants/{merchant_id}/"
STAFF_CODES = ("merchant_not_found", "forbidden")  # app.catalog.service.check_staff
COOKIE_PREFIX = "/api/v1/"  # app.auth.access: the console cookie stands for the token
COOKIE_CODES = ("not_signed_in",)
UNSAFE = frozenset({"post", "put", "patch", "delete"})
ERROR_REF = "#/components/schemas/Error"
_PATH_PARAM = re.compile(r"{[^}]+}")


class ErrorBody(Schema):
    code = fields.String(required=True, metadata={
        "description": "Stable, machine-readable: branch on this, never on the message."})
    message = fields.String(required=True, metadata={"description": "For people; may change."})
    details = fields.Dict(required=True, metadata={
        "description": "What the code is about (a field's errors under `fields`, an id, a limit)."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBody, required=True)


def codes_for(method: str, path: str, operation: dict) -> set[str]:
    """The codes an operation can answer: its own (OPERATION_ERRORS) plus
    those that follow from its security, path ids, query and body."""
    codes = set(OPERATION_ERRORS.get(f"{method.upper()} {path}", ()))
    responses = set(operation.get("responses", {}))
    parsed = {422, "422"} & responses  # flask-smorest arguments
    if {429, "429"} & responses:  # app.ratelimit.limited
        codes.add("rate_limited")
    unsafe = method.lower() in UNSAFE
    if operation.get("security"):
        codes.update(AUTH_CODES)
        if path.startswith(COOKIE_PREFIX):
            codes.update(COOKIE_CODES)
            if unsafe:
                codes.add("csrf_failed")
        if path.startswith(STAFF_PREFIX):
            codes.update(STAFF_CODES)
            if unsafe:
                codes.add("merchant_suspended")
    if _PATH_PARAM.search(path):
        codes.add("not_found")  # also an id past 64 bits
    if "requestBody" in operation:
        codes.add("payload_too_large")
        if parsed:
            codes.add("malformed_json")
    if parsed:
        codes.add("validation_error")
    return codes


def responses_for(codes: set[str], statuses: dict[str, int]) -> dict[str, dict]:
    """One response per status: the Error shape with its codes as an enum."""
    by_status: dict[int, list[str]] = {}
    for code in sorted(codes):
        if code not in statuses:
            raise KeyError(f"the document names an unknown error code {code!r}")
        by_status.setdefault(statuses[code], []).append(code)
    return {str(status): _response(status, names) for status, names in sorted(by_status.items())}


def _response(status: int, codes: list[str]) -> dict:
    listed = ", ".join(f"`{code}`" for code in codes)
    schema = {"allOf": [{"$ref": ERROR_REF}, {"type": "object", "properties": {
        "error": {"type": "object", "properties": {"code": {"type": "string",
                                                            "enum": codes}}}}}]}
    return {"description": f"{HTTPStatus(status).phrase}: {listed}.",
            "content": {"application/json": {"schema": schema}}}


class ErrorResponses(BasePlugin):
    """Replaces flask-smorest's generic error responses (`default` and its
    422) with the statuses and codes the operation really answers. A JSON body
    whose schema requires nothing may be left out (it reads as `{}`)."""

    def init_spec(self, spec):
        self.spec = spec

    def operation_helper(self, path=None, operations=None, **kwargs):
        statuses = status_of_codes()
        for method, operation in (operations or {}).items():
            body = operation.get("requestBody")
            if body and not self._requires_fields(body):
                body["required"] = False
            codes = codes_for(method, path, operation)
            responses = operation.setdefault("responses", {})
            for key in ("default", 422, "422"):
                responses.pop(key, None)
            for status, response in responses_for(codes, statuses).items():
                documented = responses.pop(int(status), None) or responses.get(status) or {}
                if "headers" in documented:  # a rate limit's Retry-After
                    response["headers"] = documented["headers"]
                responses[status] = response

    def _requires_fields(self, body: dict) -> bool:
        """Of the JSON body, or of the one other kind (a multipart upload)."""
        content = body.get("content", {})
        media = content.get("application/json") or next(iter(content.values()), {})
        schema = media.get("schema", {})
        if "$ref" in schema:
            schema = self.spec.components.schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
        return bool(schema.get("required")) or "$ref" in schema
