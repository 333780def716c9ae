"""Points lots: how entries become a balance, consumed first-expiring-first.
Pure, stdlib only.

Every positive entry is a lot that expires at its `expires_at` (None: never).
Entries are replayed in (at, id) order; before each one, lots whose expiry
has come are closed and their remainder counts as expired. A negative entry
takes from the live lots that expire soonest (never-expiring ones last); what
the lots cannot cover becomes debt (the balance goes negative, nothing is
lost), and the next positive entries pay the debt first. Expiry entries are
the written record of `expired` and are skipped in the replay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    points: int
    expires_at: datetime | None = None
    kind: str = ""


@dataclass
class Replay:
    live: dict[int, int] = field(default_factory=dict)  # lot id -> points left
    debt: int = 0
    # every closed lot -> the points it still held (0 for a lot used up)
    expired: dict[int, int] = field(default_factory=dict)

    @property
    def available(self) -> int:
        return sum(self.live.values()) - self.debt


def replay(entries: list[Entry], until: datetime) -> Replay:
    """The state at `until`: live lots, debt, and each closed lot's expiry."""
    state = Replay()
    lots = {e.id: e for e in entries if e.points > 0 and e.kind != "expire"}
    for entry in sorted(entries, key=lambda e: (e.at, e.id)):
        if entry.kind == "expire":
            continue
        _close(state, lots, entry.at)
        if entry.points > 0:
            paid = min(state.debt, entry.points)
            state.debt -= paid
            state.live[entry.id] = entry.points - paid
        else:
            _take(state, lots, -entry.points)
    _close(state, lots, until)
    return state


def _close(state: Replay, lots: dict[int, Entry], at: datetime) -> None:
    for lot_id in [i for i in state.live
                   if lots[i].expires_at is not None and lots[i].expires_at <= at]:
        state.expired[lot_id] = state.live.pop(lot_id)


def _take(state: Replay, lots: dict[int, Entry], need: int) -> None:
    order = sorted(state.live, key=lambda i: (lots[i].expires_at or NEVER, i))
    for lot_id in order:
        take = min(state.live[lot_id], need)
        state.live[lot_id] -= take
        need -= take
        if not need:
            return
    state.debt += need
