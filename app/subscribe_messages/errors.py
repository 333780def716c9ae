"""Subscribe-message errors with stable codes."""

from app.errors import DomainError, NotFound


class UnknownTemplate(DomainError):
    code, status, message = "unknown_template", 422, "No such subscribe-message template."


class DuplicateTemplate(DomainError):
    code, status, message = "duplicate_template", 422, "A template is named twice."


class UnknownTargetKind(DomainError):
    code, status, message = "unknown_target_kind", 422, "Reminders cannot point at that."


class TargetNotAllowed(DomainError):
    code, status, message = ("target_not_allowed", 422,
                             "This message cannot be tied to that kind of target.")


class TargetRequired(DomainError):
    code, status, message = "target_required", 422, "Name what to be reminded of (target)."


class TargetNotFound(NotFound):
    code, message = "target_not_found", "Nothing to be reminded of there."


class AlreadyStarted(DomainError):
    code, status, message = "already_started", 409, "It has started already."
