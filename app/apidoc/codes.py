"""Every stable error code and its HTTP status, read from the DomainError
classes themselves (so the document cannot give a code another status than
the server does) and from the HTTP errors the error handler names."""

from __future__ import annotations

from app.errors import HTTP_CODES, DomainError

# Codes raised by name on a class of another code (`raise X(code="...")`).
NAMED_ON_RAISE = {"wechat_error": 502, "empty_refund": 422, "too_few_fen_to_cut": 422,
                  "user_not_found": 404, "below_minimum": 409, "insufficient_balance": 409,
                  "negative_balance": 409}


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def status_of_codes() -> dict[str, int]:
    """code -> status for every DomainError subclass imported so far and every
    HTTP error code, and the codes named on raise. A code must have one status
wherever it is raised."""
    statuses = {code: status for status, code in HTTP_CODES.items()} | NAMED_ON_RAISE
    for cls in [DomainError, *_subclasses(DomainError)]:
        known = statuses.setdefault(cls.code, cls.status)
        if known != cls.status:
            raise ValueError(f"error code {cls.code!r} has statuses {known} and {cls.status}")
    return statuses
