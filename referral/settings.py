"""A merchant's referral rules: binding and join policies, level rates,
self-purchase, withdrawal terms; per-product overrides and tiers. A merchant
that never saved rules has the defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.catalog.service import get_merchant, staff_product
from app.db import insert_ignore
from referral import errors, rules
from referral.models import ProductRate, RefSettings, Tier


@dataclass
class Rules:
    binding_policy: str = rules.PERMANENT
    window_days: int = 30
    level_bps: tuple[int, ...] = rules.DEFAULT_LEVEL_BPS
    self_purchase: bool = False
    join_policy: str = rules.EVERYONE
    spend_threshold_fen: int = 0
    withdraw_min_fen: int = rules.MIN_WITHDRAW_FEN
    withdraw_fee_bps: int = 0


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in text.split(",") if v)


def _text(values) -> str:
    return ",".join(str(int(v)) for v in values)


def checked_levels(level_bps) -> tuple[int, ...]:
    """1-3 levels within 100% (a 4th level is refused as multi-level marketing)."""
    try:
        return rules.check_levels(level_bps)
    except rules.TooManyLevels as exc:
        raise errors.TooManyLevels(details={"levels": len(level_bps),
                                            "max_levels": rules.MAX_LEVELS}) from exc
    except rules.RatesTooHigh as exc:
        raise errors.RatesTooHigh(details={"level_bps": list(level_bps)}) from exc


def get_rules(session: Session, merchant_id: int, *, lock: bool = False) -> Rules:
    """The merchant's rules (defaults if none saved). lock=True takes the
    merchant's settings row lock: bindings of one merchant queue on it."""
    stmt = select(RefSettings).where(RefSettings.merchant_id == merchant_id)
    row = session.scalar(stmt.with_for_update() if lock else stmt)
    if row is None:
        get_merchant(session, merchant_id)
        return Rules()
    values = {f.name: getattr(row, f.name) for f in fields(Rules)}
    values["level_bps"] = _ints(row.level_bps)
    return Rules(**values)


def save_rules(session: Session, merchant_id: int, data: dict, now: datetime) -> Rules:
    """Replace the merchant's rules (levels checked: 1-3, within 100%)."""
    new = Rules(**{**Rules().__dict__, **data})
    new.level_bps = checked_levels(tuple(new.level_bps))
    ensure_row(session, merchant_id, now)
    row = session.scalar(select(RefSettings).where(RefSettings.merchant_id == merchant_id)
                         .with_for_update())
    for f in fields(Rules):
        setattr(row, f.name, getattr(new, f.name))
    row.level_bps, row.updated_at = _text(new.level_bps), now
    return new


def ensure_row(session: Session, merchant_id: int, now: datetime) -> None:
    """The merchant's settings row, with the defaults if it had none (racing
    makers meet on the primary key). Bindings lock this row."""
    if session.get(RefSettings, merchant_id) is not None:
        return
    get_merchant(session, merchant_id)
    values = {f.name: getattr(Rules(), f.name) for f in fields(Rules)}
    values["level_bps"] = _text(values["level_bps"])
    insert_ignore(session, RefSettings, merchant_id=merchant_id, updated_at=now, **values)


def set_product_rate(session: Session, *, staff_id: int, merchant_id: int, product_id: int,
                     mode: str | None, values: list[int]) -> ProductRate | None:
    """Override a product's rates (bps or fixed fen per unit); mode None removes it."""
    staff_product(session, staff_id, merchant_id, product_id)
    session.execute(delete(ProductRate).where(ProductRate.product_id == product_id))
    if mode is None:
        return None
    if mode == "bps":
        checked_levels(values)
    elif not 1 <= len(values) <= rules.MAX_LEVELS:
        checked_levels(values)  # raises too_many_levels
    rate = ProductRate(product_id=product_id, merchant_id=merchant_id, mode=mode,
                       values=_text(values))
    session.add(rate)
    return rate


def product_rate(session: Session, *, staff_id: int, merchant_id: int,
                 product_id: int) -> dict:
    """The product's override as staff see it: mode None (the merchant's
    rates apply) with no values, else "bps" or "fen" and one value per level."""
    staff_product(session, staff_id, merchant_id, product_id)
    rate = product_rates(session, [product_id]).get(product_id)
    return {"product_id": product_id, "mode": rate.mode if rate else None,
            "values": list(rate.values) if rate else []}


def product_rates(session: Session, product_ids) -> dict[int, rules.Rate]:
    rows = session.scalars(select(ProductRate).where(ProductRate.product_id.in_(product_ids)))
    return {r.product_id: rules.Rate(r.mode, _ints(r.values)) for r in rows}


def replace_tiers(session: Session, merchant_id: int, tiers: list[dict]) -> list[Tier]:
    """The merchant's tiers, replaced as a whole (rank 1 upwards)."""
    get_merchant(session, merchant_id)
    for t in tiers:
        checked_levels(t["level_bps"])
    session.execute(delete(Tier).where(Tier.merchant_id == merchant_id))
    rows = [Tier(merchant_id=merchant_id, rank=i, name=t["name"], level_bps=_text(t["level_bps"]),
                 min_sales_fen=t["min_sales_fen"], min_orders=t["min_orders"],
                 min_team=t["min_team"]) for i, t in enumerate(tiers, start=1)]
    session.add_all(rows)
    session.flush()
    return rows


def tiers(session: Session, merchant_id: int) -> list[Tier]:
    return list(session.scalars(select(Tier).where(Tier.merchant_id == merchant_id)
                                .order_by(Tier.rank)))


def tier_levels(tier: Tier) -> tuple[int, ...]:
    return _ints(tier.level_bps)
