"""The error codes each operation can answer beyond those that follow from
its shape (see errors.py), keyed by "METHOD /path" as in the document."""

OPERATION_ERRORS: dict[str, tuple[str, ...]] = {
}
