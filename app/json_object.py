"""A JSON object from a provider's text (a payment notice, a tracking push):
anything else, or text too deep to parse, is the caller's `malformed` error."""

from __future__ import annotations

import json


def parse(text: str, malformed: type[Exception]) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise malformed() from exc
    if not isinstance(data, dict):
        raise malformed()
    return data
