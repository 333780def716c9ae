"""Every stable error code and its HTTP status, read from the DomainError
classes themselves (so the document cannot give a code another status than
the server does), from the HTTP errors the error handler names, and from
the few codes named on raise."""

from __future__ import annotations

from app.errors import HTTP_CODES, DomainError

# Codes raised by name on a class of another code (`raise X(code="...")`).
NAMED_ON_RAISE = {"below_minimum": 409, "insufficient_balance": 409, "negative_balance": 409}


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def status_of_codes() -> dict[str, int]:
    """code -> status for every HTTP error code, every code named on raise and
    every DomainError subclass imported so far (tests check that no code has
    two statuses)."""
    statuses = {code: status for status, code in HTTP_CODES.items()} | NAMED_ON_RAISE
    for cls in [DomainError, *_subclasses(DomainError)]:
        statuses.setdefault(cls.code, cls.status)
    return statuses


def conflicting_statuses() -> dict[str, set[int]]:
    """Codes that more than one status claims (there should be none)."""
    claims: dict[str, set[int]] = {}
    for status, code in HTTP_CODES.items():
        claims.setdefault(code, set()).add(status)
    for code, status in NAMED_ON_RAISE.items():
        claims.setdefault(code, set()).add(status)
    for cls in [DomainError, *_subclasses(DomainError)]:
        if not cls.__module__.startswith("tests"):
            claims.setdefault(cls.code, set()).add(cls.status)
    return {code: found for code, found in claims.items() if len(found) > 1}
