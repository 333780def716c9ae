"""A merchant's after-sale settings: return address, reason list and the
three deadlines. A merchant who saved none has the defaults (rules.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.aftersales import rules
from app.aftersales.errors import UnknownReason
from app.aftersales.models import AfterSaleSettings
from app.db import insert_ignore


@dataclass(frozen=True)
class Settings:
    merchant_id: int
    return_recipient: str
    return_phone: str
    return_address: str
    reasons: tuple[tuple[str, str], ...]
    review_hours: int
    ship_days: int
    confirm_days: int

    @property
    def reason_list(self) -> list[dict]:
        return [{"code": code, "label": label} for code, label in self.reasons]

    @property
    def clocks(self) -> dict[str, int]:
        return {"review_hours": self.review_hours, "ship_days": self.ship_days,
                "confirm_days": self.confirm_days}


def _reasons(text: str) -> tuple[tuple[str, str], ...]:
    pairs = tuple(tuple(line.split("\t", 1)) for line in text.split("\n") if "\t" in line)
    return pairs or rules.DEFAULT_REASONS  # type: ignore[return-value]


def of(session: Session, merchant_id: int) -> Settings:
    row = session.get(AfterSaleSettings, merchant_id)
    if row is None:
        return Settings(merchant_id, "", "", "", rules.DEFAULT_REASONS, rules.REVIEW_HOURS,
                        rules.SHIP_DAYS, rules.CONFIRM_DAYS)
    return Settings(merchant_id, row.return_recipient, row.return_phone, row.return_address,
                    _reasons(row.reasons), row.review_hours, row.ship_days, row.confirm_days)


def update(session: Session, merchant_id: int, data: dict, now: datetime) -> Settings:
    """Only the fields given change; `reasons` replaces the whole list.
    Nothing given: nothing written."""
    if not data:
        return of(session, merchant_id)
    # the first save of two at once: one row, both changes applied in turn
    insert_ignore(session, AfterSaleSettings, merchant_id=merchant_id, return_recipient="",
                  return_phone="", return_address="", reasons="",
                  review_hours=rules.REVIEW_HOURS, ship_days=rules.SHIP_DAYS,
                  confirm_days=rules.CONFIRM_DAYS, updated_at=now)
    row = session.get(AfterSaleSettings, merchant_id, with_for_update=True,
                      populate_existing=True)
    for name in ("return_recipient", "return_phone", "return_address", "review_hours",
                 "ship_days", "confirm_days"):
        if name in data:
            setattr(row, name, data[name])
    if "reasons" in data:
        row.reasons = "\n".join(f"{r['code']}\t{r['label']}" for r in data["reasons"])
    row.updated_at = now
    session.flush()
    return of(session, merchant_id)


def check_reason(settings: Settings, code: str) -> None:
    if code not in {c for c, _ in settings.reasons}:
        raise UnknownReason(details={"reason_code": code[:32],
                                     "allowed": [c for c, _ in settings.reasons]})
