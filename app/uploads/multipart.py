"""Upload requests: a multipart body of one image file and form fields.

`Blueprint` parses `location="files"` as the form's fields and files
together (one schema documents the whole multipart body). `@image_body`
lets a view's body grow past the app's 1 MB limit up to one image
(rules.MAX_BYTES) plus the multipart framing, and refuses a larger
declared length at once with `file_too_large`, before a byte is read; a
body without a length is cut off by the same limit while it streams.
Werkzeug spools a file part over 500 KB to a temporary file, so the image
is held in memory once, when the view reads it."""

from __future__ import annotations

from functools import wraps

from flask import request
from werkzeug.datastructures import CombinedMultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from app.schema import Blueprint as JsonBlueprint
from app.schema import JsonParser
from app.uploads import rules
from app.uploads.errors import FileTooLarge

FRAMING_BYTES = 64 * 1024  # boundaries, part headers and the form's small fields
BODY_LIMIT = rules.MAX_BYTES + FRAMING_BYTES


class MultipartParser(JsonParser):
    def load_files(self, req, schema):
        try:
            return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)
        except RequestEntityTooLarge as exc:
            raise FileTooLarge(details={"max_bytes": rules.MAX_BYTES}) from exc


class Blueprint(JsonBlueprint):
    ARGUMENTS_PARSER = MultipartParser()


def image_body(view):
    """Outermost on an upload route (right under the route)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        if (request.content_length or 0) > BODY_LIMIT:
            raise FileTooLarge(details={"max_bytes": rules.MAX_BYTES})
        request.max_content_length = BODY_LIMIT
        return view(*args, **kwargs)
    return wrapper


def read_file(upload) -> bytes:
    """The file part's bytes, at most one past the limit (enough to refuse it)."""
    return upload.stream.read(rules.MAX_BYTES + 1)
