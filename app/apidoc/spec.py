"""The Api that writes the document: the `Error` component instead of
flask-smorest's error schema, our error responses on every operation, the
bearer scheme, and what applies to every path (405 with `Allow`)."""

from __future__ import annotations

import flask_smorest
from apispec.ext.marshmallow import MarshmallowPlugin, OpenAPIConverter

from app.apidoc.errors import ErrorResponses, ErrorSchema

OPERATION_METHODS = frozenset({"get", "put", "post", "patch", "delete"})
DESCRIPTION = """\
JSON over HTTPS. Money is integer fen (`*_fen`), rates basis points (`*_bps`),
times ISO 8601 with an offset.

**Authentication.** Send `Authorization: Bearer <token>` with the token from
`POST /mp/v1/auth/login`. Operations marked with the `bearerAuth` lock answer
401 without a valid one (`unauthorized`, `invalid_token`, `token_expired`,
`token_revoked` after `POST /mp/v1/auth/logout-all`). On `/api/v1` the
console's session cookie (`mall_console`, from `POST /api/v1/console/session`)
may stand for the token: without a live session 401 `not_signed_in`, and a
POST, PUT, PATCH or DELETE must send `X-CSRF-Token` with the session's token
(else 403 `csrf_failed`).
Staff operations under `/api/v1/merchants/{merchant_id}/...` also need a role
at that merchant (403 `forbidden`).

**Errors.** Every error answers `{"error": {"code", "message", "details"}}`
(the `Error` schema) with its HTTP status. Branch on `code`: each operation
lists its statuses and, for each, the codes it may carry. A request with a
method a path does not list answers 405 `method_not_allowed` with an `Allow`
header naming the methods it has (each path's description names them).
"""


class Converter(OpenAPIConverter):
    """A schema's `openapi_extra` (rules across fields: `oneOf`, `not`) joins
    its JSON schema, so a rule the server checks is a rule the document states."""

    def schema2jsonschema(self, schema):
        jsonschema = super().schema2jsonschema(schema)
        jsonschema.update(getattr(schema, "openapi_extra", None) or {})
        return jsonschema


class SchemaPlugin(MarshmallowPlugin):
    Converter = Converter


class Api(flask_smorest.Api):
    """flask-smorest's Api, documenting errors as this server sends them."""

    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None

    def __init__(self, app):
        super().__init__(app, spec_kwargs={"marshmallow_plugin": SchemaPlugin(),
                                           "extra_plugins": [ErrorResponses()],
                                           "info": {"description": DESCRIPTION}})
        self.spec.components.security_scheme("bearerAuth", {
            "type": "http", "scheme": "bearer",
            "description": "The token from POST /mp/v1/auth/login."})

    def describe_methods(self) -> None:
        """After every blueprint: each path says which methods it answers (any
        other is 405 with an `Allow` header naming them)."""
        for item in self.spec.to_dict().get("paths", {}).values():  # the spec's own dicts
            item["description"] = ("Other methods answer 405 `method_not_allowed` with "
                                   f"`Allow: {', '.join(allowed_methods(item))}`.")


def allowed_methods(path_item: dict) -> list[str]:
    """What Flask's `Allow` names for a path: its methods, HEAD with GET, OPTIONS."""
    methods = {m.upper() for m in path_item if m in OPERATION_METHODS}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods | {"OPTIONS"})
