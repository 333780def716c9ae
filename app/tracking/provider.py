"""The logistics provider interface and what a verified push says.

A provider subscribes a package's carrier and number (it then pushes every
change of the waybill to our notify URL), and verifies and parses a push
from its raw request: headers and body. The sandbox (sandbox.py) and the
Kuaidi100 adapter (kuaidi100.py) implement it; app/tracking/setup.py picks
one from the settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.shipping.carriers import Carrier
from app.tracking import rules

MAX_EVENTS = 200  # of one push (the newest); a waybill has a few dozen at most
MAX_CONTEXT = 500
MAX_LOCATION = 100


@dataclass(frozen=True)
class TrackEvent:
    at: datetime
    context: str
    state: str = ""  # rules.STATES, or "" when the provider does not say
    location: str = ""


@dataclass(frozen=True)
class Push:
    """A waybill as the provider sees it now: its state and its events."""

    carrier: str | None  # our carrier code; None when the provider names one we do not list
    tracking_no: str
    state: str
    events: tuple[TrackEvent, ...]

    @property
    def signed(self) -> bool:
        return self.state == rules.SIGNED

    @property
    def newest(self) -> datetime | None:
        return max((e.at for e in self.events), default=None)

    @property
    def signed_at(self) -> datetime | None:
        """When the waybill was signed for: its newest signed event, else its newest."""
        signed = [e.at for e in self.events if e.state == rules.SIGNED]
        return max(signed, default=self.newest)


def event(at: datetime, context: str, state: str, location: str = "") -> TrackEvent:
    """An event with its texts cut to what is stored."""
    return TrackEvent(at=at, context=context.strip()[:MAX_CONTEXT], state=state,
                      location=location.strip()[:MAX_LOCATION])


class Provider(Protocol):
    name: str
    ack: dict  # the answer to a push that was applied (or replayed)

    def subscribe(self, carrier: Carrier, tracking_no: str, phone: str = "") -> None:
        """`phone`: the recipient's, which some carriers' tracking needs (SF).
        Raises ProviderError (refused) or ProviderUnavailable (unreachable)."""

    def parse_push(self, headers: Mapping[str, str], body: bytes) -> Push:
        """A verified push, or MalformedPush / PushBadSignature (nothing read further)."""
