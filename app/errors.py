"""Domain errors and the one handler that shapes every error as JSON.

Shape: {"error": {"code", "message", "details"}}, with the HTTP status the
error names. Socket handlers return the same shape as their ack.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from flask import Flask
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    DOMAIN_ERROR = "domain_error"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    UNAUTHORIZED = "unauthorized"
    CONFLICT = "conflict"
    MALFORMED_JSON = "malformed_json"
    VALIDATION_ERROR = "validation_error"
    RATE_LIMITED = "rate_limited"


class DomainError(Exception):
    code = ErrorCode.DOMAIN_ERROR
    status = 400
    message = "The request cannot be carried out."
    headers: dict[str, str] = {}  # sent with the answer (Retry-After, say)

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 status: int | None = None, details: dict | None = None):
        self.message = message or self.message
        self.code = code or self.code
        self.status = status or self.status
        self.details = details or {}
        super().__init__(self.message)

    def to_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message,
                          "details": self.details}}


class NotFound(DomainError):
    code, status, message = ErrorCode.NOT_FOUND, 404, "Not found."


class Forbidden(DomainError):
    code, status, message = ErrorCode.FORBIDDEN, 403, "You may not do this."


class Unauthorized(DomainError):
    code, status, message = ErrorCode.UNAUTHORIZED, 401, "Log in first."


class Conflict(DomainError):
    code, status, message = ErrorCode.CONFLICT, 409, "The state changed; try again."


class MalformedJson(DomainError):
    code, status, message = ErrorCode.MALFORMED_JSON, 400, "The body is not valid JSON."


class ValidationFailed(DomainError):
    code, status, message = ErrorCode.VALIDATION_ERROR, 422, "The request is not valid."


class RateLimited(DomainError):
    """429 with the whole seconds to wait, in the body and as Retry-After."""

    code, status = ErrorCode.RATE_LIMITED, 429

    def __init__(self, retry_after: int):
        super().__init__(f"Too many requests; try again in {retry_after} s.",
                         details={"retry_after": retry_after})
        self.headers = {"Retry-After": str(retry_after)}


def internal_error() -> DomainError:
    """What any interface answers for an unexpected error (logged where caught)."""
    return DomainError("Something went wrong on our side.", code="internal_error", status=500)


HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 408: "request_timeout", 409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type", 422: "validation_error",
    429: "rate_limited",
}


def _from_http(exc: HTTPException) -> DomainError:
    """Turn Werkzeug/webargs errors into DomainErrors with stable codes."""
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if status == 422 and messages is not None:
        fields = {}
        for location in messages.values():
            fields.update(location if isinstance(location, dict) else {"_": location})
        return ValidationFailed(details={"fields": fields})
    code = HTTP_CODES.get(status, "http_error")
    return DomainError(exc.description or exc.name, code=code, status=status)


def register(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        return exc.to_dict(), exc.status, exc.headers

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        """Werkzeug's own headers stay: a 405 names the allowed methods in `Allow`."""
        err = _from_http(exc)
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        return err.to_dict(), err.status, headers

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return internal_error().to_dict(), 500
