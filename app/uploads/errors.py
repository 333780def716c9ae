"""Upload errors with stable codes."""

from enum import StrEnum

from app.errors import DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    EMPTY_FILE = "empty_file"
    FILE_TOO_LARGE = "file_too_large"
    UNSUPPORTED_IMAGE = "unsupported_image"
    IMAGE_TOO_LARGE = "image_too_large"
    IMAGE_UNREADABLE = "image_unreadable"
    UPLOAD_NOT_FOUND = "upload_not_found"
    TOO_MANY_IMAGES = "too_many_images"
    MEDIA_NOT_FOUND = "media_not_found"
    STORAGE_UNAVAILABLE = "storage_unavailable"


class EmptyFile(DomainError):
    code, status, message = ErrorCode.EMPTY_FILE, 422, "The file is empty."


class FileTooLarge(DomainError):
    code, status, message = ErrorCode.FILE_TOO_LARGE, 413, "The file is too large."


class UnsupportedImage(DomainError):
    """Anything but a JPEG, PNG, WebP or GIF by its first bytes (SVG, PDF, zip...)."""

    code, status, message = (ErrorCode.UNSUPPORTED_IMAGE, 415,
                             "Send a JPEG, PNG, WebP or GIF image.")


class ImageTooLarge(DomainError):
    code, status, message = ErrorCode.IMAGE_TOO_LARGE, 422, "The image has too many pixels."


class ImageUnreadable(DomainError):
    code, status, message = (ErrorCode.IMAGE_UNREADABLE, 422,
                             "The image is damaged or cannot be decoded.")


class UploadNotFound(NotFound):
    """Also someone else's upload, or one uploaded for another purpose."""

    code, message = ErrorCode.UPLOAD_NOT_FOUND, "No such upload."


class TooManyImages(DomainError):
    code, status, message = ErrorCode.TOO_MANY_IMAGES, 422, "Too many images."


class MediaNotFound(NotFound):
    code, message = ErrorCode.MEDIA_NOT_FOUND, "No such image."


class StorageUnavailable(DomainError):
    code, status, message = (ErrorCode.STORAGE_UNAVAILABLE, 503,
                             "Images cannot be stored right now; try again.")
