"""Shipping errors with stable codes: packages, carriers and batch files."""

from enum import StrEnum

from app.errors import Conflict, DomainError


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    CARRIER_UNKNOWN = "carrier_unknown"
    TRACKING_NO_INVALID = "tracking_no_invalid"
    TRACKING_NO_IN_USE = "tracking_no_in_use"
    EXCEEDS_SHIPPABLE = "exceeds_shippable"
    NOTHING_TO_SHIP = "nothing_to_ship"
    BATCH_FILE_UNSUPPORTED = "batch_file_unsupported"
    BATCH_FILE_TOO_LARGE = "batch_file_too_large"
    BATCH_FILE_UNREADABLE = "batch_file_unreadable"
    BATCH_FILE_EMPTY = "batch_file_empty"
    BATCH_TOO_MANY_ROWS = "batch_too_many_rows"
    BATCH_COLUMNS_MISSING = "batch_columns_missing"
    BATCH_ROW_INVALID = "batch_row_invalid"


class CarrierUnknown(DomainError):
    code, status, message = (ErrorCode.CARRIER_UNKNOWN, 422,
                             "No carrier has this code or name (see GET /api/v1/carriers).")


class TrackingNoInvalid(DomainError):
    code, status, message = (ErrorCode.TRACKING_NO_INVALID, 422,
                             "The tracking number does not have this carrier's format.")


class TrackingNoInUse(Conflict):
    code, message = ErrorCode.TRACKING_NO_IN_USE, "A package already has this tracking number."


class ExceedsShippable(DomainError):
    code, status, message = (ErrorCode.EXCEEDS_SHIPPABLE, 422,
                             "The package holds more units than are left to ship.")


class NothingToShip(Conflict):
    code, message = ErrorCode.NOTHING_TO_SHIP, "Every unit of this order is shipped or refunded."


class BatchFileUnsupported(DomainError):
    code, status, message = (ErrorCode.BATCH_FILE_UNSUPPORTED, 415,
                             "Upload a CSV file or an XLSX workbook.")


class BatchFileTooLarge(DomainError):
    code, status, message = ErrorCode.BATCH_FILE_TOO_LARGE, 413, "The file is too large."


class BatchFileUnreadable(DomainError):
    code, status, message = ErrorCode.BATCH_FILE_UNREADABLE, 422, "The file cannot be read."


class BatchFileEmpty(DomainError):
    code, status, message = ErrorCode.BATCH_FILE_EMPTY, 422, "The file has no rows to ship."


class BatchTooManyRows(DomainError):
    code, status, message = ErrorCode.BATCH_TOO_MANY_ROWS, 422, "The file has too many rows."


class BatchColumnsMissing(DomainError):
    code, status, message = (ErrorCode.BATCH_COLUMNS_MISSING, 422,
                             "The header row needs the order id, carrier and tracking number "
                             "columns (订单号, 快递公司, 快递单号).")


class BatchRowInvalid(DomainError):
    """Only ever in a batch's answer, per row (never a response status)."""

    code, status, message = ErrorCode.BATCH_ROW_INVALID, 422, "The row is not valid."
