"""Every stable error code and its HTTP status, read from the DomainError
classes themselves (so the document cannot give a code another status than
the server does) and from the HTTP errors the error handler names."""

from __future__ import annotations

from app.errors import HTTP_CODES, DomainError


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def status_of_codes() -> dict[str, int]:
    """code -> status for every DomainError subclass imported so far and every
    HTTP error code. A code must have one status wherever it is raised."""
    statuses = {code: status for status, code in HTTP_CODES.items()}
    for cls in [DomainError, *_subclasses(DomainError)]:
        known = statuses.setdefault(cls.code, cls.status)
        if known != cls.status:
            raise ValueError(f"error code {cls.code!r} has statuses {known} and {cls.status}")
    return statuses
