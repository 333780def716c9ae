"""Every Redis key of the package. All keys one script touches share a hash
tag ({gb:<group id>} or {bg:<bargain id>}), so scripts run on Redis Cluster."""

from __future__ import annotations

from pathlib import Path

LUA = Path(__file__).with_name("lua")


def group(group_id: int) -> list[str]:
    """meta (size, expires ms, state), held (user -> order), paid (user -> order)."""
    tag = f"{{gb:{group_id}}}"
    return [f"{tag}:meta", f"{tag}:held", f"{tag}:paid"]


def bargain(bargain_id: int) -> list[str]:
    """meta (starter, expires ms, state), cuts (list, next first), helpers (set)."""
    tag = f"{{bg:{bargain_id}}}"
    return [f"{tag}:meta", f"{tag}:cuts", f"{tag}:helpers"]

