"""A push from its raw request to the database: verified first (a refused
push opens no transaction and writes nothing), then applied in one
transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from app.db import transaction
from app.tracking import service
from app.tracking.provider import Provider


def accept_push(provider: Provider, headers: Mapping[str, str], body: bytes,
                now: datetime) -> service.Applied:
    push = provider.parse_push(headers, body)
    with transaction() as session:
        return service.apply(session, push, provider=provider.name, now=now)
