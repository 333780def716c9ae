"""Our event names, what each may be tied to, how each maps onto a WeChat
template, and the registry of target kinds.

Template ids are app configuration (NOTIFY_TEMPLATES="event=template_id,..."):
they belong to the one mini-program (its appid), not to a merchant. An event
with no template configured still goes through the log sender."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Target:
    kind: str = ""  # "" and 0: a credit for any target of the event
    id: int = 0

    def __bool__(self) -> bool:
        return bool(self.kind)


NO_TARGET = Target()


@dataclass(frozen=True)
class TargetInfo:
    merchant_id: int | None
    title: str
    starts_at: datetime | None = None
    started: bool = False


@dataclass(frozen=True)
class Event:
    kinds: tuple[str, ...]  # target kinds a credit may be tied to
    target_required: bool  # a start reminder only makes sense for one sale or room
    page: str  # the mini-program page the message opens
    fields: tuple[tuple[str, str], ...]  # (WeChat data key, our data key)


EVENTS: dict[str, Event] = {
    "group_almost_full": Event(("group",), False, "pages/groupbuy/group?id={id}",
                               (("thing1", "title"), ("number2", "paid"),
                                ("number3", "size"))),
    "group_completed": Event(("group",), False, "pages/groupbuy/group?id={id}",
                             (("character_string1", "group_id"), ("phrase2", "status"))),
    "group_failed": Event(("group",), False, "pages/groupbuy/group?id={id}",
                          (("character_string1", "group_id"), ("phrase2", "status"))),
    "flash_sale_starting": Event(("flashsale",), True, "pages/flashsale/detail?id={id}",
                                 (("thing1", "title"), ("time2", "starts_at"))),
    "live_starting": Event(("live_room",), True, "pages/live/room?id={id}",
                           (("thing1", "title"), ("time2", "starts_at"))),
    "after_sale_updated": Event(("after_sale",), False, "pages/aftersale/detail?id={id}",
                                (("character_string1", "after_sale_id"),
                                 ("phrase2", "status"), ("amount3", "amount"))),
}
# target kind -> the event its start sends (a job at the start, a sweep behind it)
START_EVENTS = {"flashsale": "flash_sale_starting", "live_room": "live_starting"}

THING_MAX = 20  # WeChat's limit for thing.DATA


def parse_templates(spec: str) -> dict[str, str]:
    """"event=template_id,..." -> {event: template_id}; unknown events refused."""
    out = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        event, _, template = part.partition("=")
        if event not in EVENTS or not template:
            raise ValueError(f"NOTIFY_TEMPLATES: bad entry {part!r}")
        out[event] = template
    return out


def render(event: str, target: Target, data: dict) -> tuple[str, dict]:
    """The page and WeChat's data ({key: {"value": text}}) for a message."""
    spec = EVENTS[event]
    out = {}
    for key, ours in spec.fields:
        value = data.get(ours)
        if value is None:
            continue
        if isinstance(value, datetime):
            value = value.strftime("%Y-%m-%d %H:%M")
        text = str(value)
        out[key] = {"value": text[:THING_MAX] if key.startswith("thing") else text}
    return spec.page.format(id=target.id), out


Lookup = Callable[[Session, int, datetime], TargetInfo | None]
_lookups: dict[str, Lookup] = {}


def register_target(kind: str, lookup: Lookup) -> None:
    """The package owning `kind` says what a target is at a moment: its
    merchant, title, start time and whether it has started (None: there is
    nothing to be reminded of)."""
    _lookups[kind] = lookup


def lookup(kind: str) -> Lookup | None:
    return _lookups.get(kind)
