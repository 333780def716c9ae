"""Review errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, NotFound
from app.reviews import rules


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    REVIEW_NOT_FOUND = "review_not_found"
    ORDER_LINE_NOT_FOUND = "order_line_not_found"
    LINE_NOT_RECEIVED = "line_not_received"
    LINE_REFUNDED = "line_refunded"
    REVIEW_WINDOW_CLOSED = "review_window_closed"
    ALREADY_REVIEWED = "already_reviewed"
    FOLLOW_UP_EXISTS = "follow_up_exists"
    FOLLOW_UP_WINDOW_CLOSED = "follow_up_window_closed"
    ALREADY_REPORTED = "already_reported"
    OWN_REVIEW_NOT_REPORTABLE = "own_review_not_reportable"
    REVIEW_NOT_PENDING = "review_not_pending"


class ReviewNotFound(NotFound):
    """Also another buyer's review that the public does not see, and another
    merchant's review for staff."""

    code, message = ErrorCode.REVIEW_NOT_FOUND, "No such review."


class OrderLineNotFound(NotFound):
    """Also a line of another buyer's order."""

    code, message = ErrorCode.ORDER_LINE_NOT_FOUND, "No such order line."


class LineNotReceived(Conflict):
    code, message = (ErrorCode.LINE_NOT_RECEIVED,
                     "Only a line of a received or completed order can be reviewed.")


class LineRefunded(Conflict):
    code, message = ErrorCode.LINE_REFUNDED, "Every unit of this line was refunded."


class ReviewWindowClosed(Conflict):
    code, message = (ErrorCode.REVIEW_WINDOW_CLOSED,
                     f"Reviews are open for {rules.REVIEW_WINDOW.days} days after receipt.")


class AlreadyReviewed(Conflict):
    code, message = ErrorCode.ALREADY_REVIEWED, "This line has its review already."


class FollowUpExists(Conflict):
    code, message = ErrorCode.FOLLOW_UP_EXISTS, "A review takes one follow-up."


class FollowUpWindowClosed(Conflict):
    code, message = (ErrorCode.FOLLOW_UP_WINDOW_CLOSED,
                     f"A follow-up is open for {rules.FOLLOW_UP_WINDOW.days} days "
                     "after the review.")


class AlreadyReported(Conflict):
    code, message = ErrorCode.ALREADY_REPORTED, "You reported this review already."


class OwnReviewNotReportable(Conflict):
    code, message = ErrorCode.OWN_REVIEW_NOT_REPORTABLE, "You cannot report your own review."


class ReviewNotPending(Conflict):
    code, message = ErrorCode.REVIEW_NOT_PENDING, "Nothing of this review awaits approval."

