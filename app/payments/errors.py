"""Payment errors, each with a stable code. Notice errors are 4xx so the
provider retries; none of them writes anything."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    MALFORMED_NOTICE = "malformed_notice"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_SERIAL = "unknown_serial"
    STALE_TIMESTAMP = "stale_timestamp"
    BAD_CIPHERTEXT = "bad_ciphertext"
    MCHID_MISMATCH = "mchid_mismatch"
    APPID_MISMATCH = "appid_mismatch"
    AMOUNT_MISMATCH = "amount_mismatch"
    UNKNOWN_TRADE = "unknown_trade"
    UNKNOWN_REFUND = "unknown_refund"
    NOT_PAYABLE = "not_payable"
    REFUND_NOT_ALLOWED = "refund_not_allowed"
    REFUND_EXCEEDS_PAID = "refund_exceeds_paid"
    REFUND_KEY_REUSED = "refund_key_reused"
    UNKNOWN_ORDER_LINE = "unknown_order_line"
    PAYMENTS_NOT_CONFIGURED = "payments_not_configured"
    PAYMENT_PROVIDER_ERROR = "payment_provider_error"
    PAYMENT_PROVIDER_UNAVAILABLE = "payment_provider_unavailable"
    SANDBOX_DISABLED = "sandbox_disabled"
    EMPTY_REFUND = "empty_refund"
    NOTICE_PENDING = "notice_pending"


class MalformedNotice(DomainError):
    code, status, message = (ErrorCode.MALFORMED_NOTICE, 400,
                             "The notice is not a WeChat Pay notice.")


class BadSignature(DomainError):
    code, status, message = ErrorCode.BAD_SIGNATURE, 401, "The signature does not verify."


class UnknownSerial(DomainError):
    code, status, message = ErrorCode.UNKNOWN_SERIAL, 401, "No WeChat Pay key has this serial."


class StaleTimestamp(DomainError):
    code, status, message = ErrorCode.STALE_TIMESTAMP, 401, "The timestamp is more than 300 s away."


class BadCiphertext(DomainError):
    code, status, message = ErrorCode.BAD_CIPHERTEXT, 400, "The resource does not decrypt."


class MchidMismatch(DomainError):
    code, status, message = ErrorCode.MCHID_MISMATCH, 400, "The notice is for another merchant id."


class AppidMismatch(DomainError):
    code, status, message = ErrorCode.APPID_MISMATCH, 400, "The notice is for another app id."


class AmountMismatch(DomainError):
    code, status, message = ErrorCode.AMOUNT_MISMATCH, 400, "The paid amount is not the order's."


class UnknownTrade(NotFound):
    code, message = ErrorCode.UNKNOWN_TRADE, "No order has this trade number."


class UnknownRefund(NotFound):
    code, message = ErrorCode.UNKNOWN_REFUND, "No refund has this number."


class NotPayable(Conflict):
    code, message = ErrorCode.NOT_PAYABLE, "This order cannot be paid now."


class RefundNotAllowed(Conflict):
    code, message = ErrorCode.REFUND_NOT_ALLOWED, "This order cannot be refunded."


class RefundExceedsPaid(DomainError):
    code, status, message = (ErrorCode.REFUND_EXCEEDS_PAID, 422,
                             "The refund is more than what is left.")


class RefundKeyReused(Conflict):
    code, message = ErrorCode.REFUND_KEY_REUSED, "This refund id was used for a different refund."


class UnknownOrderLine(DomainError):
    code, status, message = ErrorCode.UNKNOWN_ORDER_LINE, 422, "The line is not in this order."


class PaymentsNotConfigured(DomainError):
    code, status, message = ErrorCode.PAYMENTS_NOT_CONFIGURED, 503, "Payments are not configured."


class ProviderError(DomainError):
    code, status, message = ErrorCode.PAYMENT_PROVIDER_ERROR, 502, "The payment provider refused."


class UnverifiedAnswer(ProviderError):
    """The request reached the provider but its answer did not verify: what
    happened there is unknown until a verified query says so."""
    message = "The answer was not signed by WeChat Pay."


class ProviderUnavailable(DomainError):
    code, status, message = ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, 503, \
        "The payment provider cannot be reached; try again."


class SandboxOnly(NotFound):
    code, message = ErrorCode.SANDBOX_DISABLED, "The payment sandbox is not enabled."


class EmptyRefund(RefundExceedsPaid):
    code, message = ErrorCode.EMPTY_REFUND, "A refund must send back at least 1 fen."


class NoticePending(DomainError):
    code, status, message = (ErrorCode.NOTICE_PENDING, 503,
                             "The notice is still being applied; send it again.")
