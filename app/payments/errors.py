"""Payment errors, each with a stable code. Notice errors are 4xx so the
provider retries; none of them writes anything."""

from app.errors import Conflict, DomainError, NotFound


class MalformedNotice(DomainError):
    code, status, message = "malformed_notice", 400, "The notice is not a WeChat Pay notice."


class BadSignature(DomainError):
    code, status, message = "bad_signature", 401, "The signature does not verify."


class UnknownSerial(DomainError):
    code, status, message = "unknown_serial", 401, "No WeChat Pay key has this serial."


class StaleTimestamp(DomainError):
    code, status, message = "stale_timestamp", 401, "The timestamp is more than 300 s away."


class BadCiphertext(DomainError):
    code, status, message = "bad_ciphertext", 400, "The resource does not decrypt."


class MchidMismatch(DomainError):
    code, status, message = "mchid_mismatch", 400, "The notice is for another merchant id."


class AppidMismatch(DomainError):
    code, status, message = "appid_mismatch", 400, "The notice is for another app id."


class AmountMismatch(DomainError):
    code, status, message = "amount_mismatch", 400, "The paid amount is not the order's."


class UnknownTrade(NotFound):
    code, message = "unknown_trade", "No order has this trade number."


class UnknownRefund(NotFound):
    code, message = "unknown_refund", "No refund has this number."


class NotPayable(Conflict):
    code, message = "not_payable", "This order cannot be paid now."


class RefundNotAllowed(Conflict):
    code, message = "refund_not_allowed", "This order cannot be refunded."


class RefundExceedsPaid(DomainError):
    code, status, message = "refund_exceeds_paid", 422, "The refund is more than what is left."


class RefundKeyReused(Conflict):
    code, message = "refund_key_reused", "This refund id was used for a different refund."


class UnknownOrderLine(DomainError):
    code, status, message = "unknown_order_line", 422, "The line is not in this order."


class PaymentsNotConfigured(DomainError):
    code, status, message = "payments_not_configured", 503, "Payments are not configured."


class ProviderError(DomainError):
    code, status, message = "payment_provider_error", 502, "The payment provider refused."


class UnverifiedAnswer(ProviderError):
    """The request reached the provider but its answer did not verify: what
    happened there is unknown until a verified query says so."""
    message = "The answer was not signed by WeChat Pay."


class ProviderUnavailable(DomainError):
    code, status, message = "payment_provider_unavailable", 503, \
        "The payment provider cannot be reached; try again."


class SandboxOnly(NotFound):
    code, message = "sandbox_disabled", "The payment sandbox is not enabled."
