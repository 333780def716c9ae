"""Export errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    EXPORT_NOT_FOUND = "export_not_found"
    EXPORT_NOT_READY = "export_not_ready"
    EXPORTS_BUSY = "exports_busy"
    EXPORT_FILTER_INVALID = "export_filter_invalid"


class ExportNotFound(NotFound):
    code, message = ErrorCode.EXPORT_NOT_FOUND, "This merchant has no export with this id."


class ExportNotReady(Conflict):
    code, message = (ErrorCode.EXPORT_NOT_READY,
                     "The export's file is not ready: see its status and progress.")


class ExportsBusy(DomainError):
    code, status, message = (ErrorCode.EXPORTS_BUSY, 429,
                             "Too many exports of this merchant are running; wait for one.")


class ExportFilterInvalid(DomainError):
    code, status, message = (ErrorCode.EXPORT_FILTER_INVALID, 422,
                             "The filters do not fit this kind of export.")
