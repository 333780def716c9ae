"""Discovery errors with stable codes."""

from enum import StrEnum

from app.errors import DomainError


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    QUERY_HAS_NO_TERMS = "query_has_no_terms"


class QueryHasNoTerms(DomainError):
    code, status, message = (ErrorCode.QUERY_HAS_NO_TERMS, 422,
                             "The query has no letters, digits or Chinese characters.")
