"""A merchant's points rules, with the defaults a merchant without a row has.

  earn_per_yuan     points per yuan of goods actually paid on a completed order
  redeem_per_yuan   points that pay 1 yuan at checkout (0: points not accepted)
  max_cover_bps     the most of an order's payable points may cover
  expiry_days       points expire this many days after they were earned (0: never)
  checkin_points    points for each daily check-in
  streak_bonuses    extra points on the day a streak reaches N: [(N, points)]
  checkin_growth    growth value for each check-in
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from members.errors import InvalidPointsSettings
from members.models import PointsSettings

DEFAULTS = {"earn_per_yuan": 1, "redeem_per_yuan": 100, "max_cover_bps": 5000,
            "expiry_days": 365, "checkin_points": 10, "streak_bonuses": [(7, 50)],
            "checkin_growth": 1}
FIELDS = tuple(DEFAULTS)


def encode_bonuses(bonuses: list[tuple[int, int]]) -> str:
    return ",".join(f"{day}:{points}" for day, points in sorted(bonuses))


def decode_bonuses(text: str) -> list[tuple[int, int]]:
    return [tuple(int(n) for n in part.split(":")) for part in text.split(",") if part]


def get(session: Session, merchant_id: int) -> dict:
    row = session.get(PointsSettings, merchant_id)
    if row is None:
        return dict(DEFAULTS)
    values = {name: getattr(row, name) for name in FIELDS}
    values["streak_bonuses"] = decode_bonuses(row.streak_bonuses)
    return values


def save(session: Session, merchant_id: int, data: dict, now: datetime) -> dict:
    bonuses = [(b["day"], b["points"]) for b in data["streak_bonuses"]]
    days = [day for day, _ in bonuses]
    if len(set(days)) != len(days):
        raise InvalidPointsSettings("Each streak day may have one bonus.",
                                    details={"streak_bonuses": "duplicate day"})
    if data["redeem_per_yuan"] and 100 % data["redeem_per_yuan"] and \
            data["redeem_per_yuan"] % 100:
        raise InvalidPointsSettings("Points per yuan must divide 100 or be a multiple of it.",
                                    details={"redeem_per_yuan": data["redeem_per_yuan"]})
    row = session.get(PointsSettings, merchant_id) or PointsSettings(merchant_id=merchant_id)
    for name in FIELDS:
        setattr(row, name, data[name])
    row.streak_bonuses = encode_bonuses(bonuses)
    row.updated_at = now
    session.add(row)
    session.flush()
    return get(session, merchant_id)
