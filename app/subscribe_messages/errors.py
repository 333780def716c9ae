"""Subscribe-message errors with stable codes."""

from enum import StrEnum

from app.errors import DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    UNKNOWN_TEMPLATE = "unknown_template"
    DUPLICATE_TEMPLATE = "duplicate_template"
    UNKNOWN_TARGET_KIND = "unknown_target_kind"
    TARGET_NOT_ALLOWED = "target_not_allowed"
    TARGET_REQUIRED = "target_required"
    TARGET_NOT_FOUND = "target_not_found"
    ALREADY_STARTED = "already_started"


class UnknownTemplate(DomainError):
    code, status, message = ErrorCode.UNKNOWN_TEMPLATE, 422, "No such subscribe-message template."


class DuplicateTemplate(DomainError):
    code, status, message = ErrorCode.DUPLICATE_TEMPLATE, 422, "A template is named twice."


class UnknownTargetKind(DomainError):
    code, status, message = ErrorCode.UNKNOWN_TARGET_KIND, 422, "Reminders cannot point at that."


class TargetNotAllowed(DomainError):
    code, status, message = (ErrorCode.TARGET_NOT_ALLOWED, 422,
                             "This message cannot be tied to that kind of target.")


class TargetRequired(DomainError):
    code, status, message = ErrorCode.TARGET_REQUIRED, 422, "Name what to be reminded of (target)."


class TargetNotFound(NotFound):
    code, message = ErrorCode.TARGET_NOT_FOUND, "Nothing to be reminded of there."


class AlreadyStarted(DomainError):
    code, status, message = ErrorCode.ALREADY_STARTED, 409, "It has started already."
