"""Freight template use cases: a merchant's staff list, create, read, replace
and delete their templates (another merchant's are not found); the catalogue
asks `check_owned` before a product names one; the checkout reads them as
pure rules (`as_rules`).

A template in use by a product cannot be deleted. Both sides lock the
template's row (FOR UPDATE on PostgreSQL; SQLite serialises writers), so a
product cannot come to name a template that is being deleted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.catalog import references
from app.catalog.models import Product
from app.db import paginate
from app.freight import rules
from app.freight.errors import FreightTemplateInUse, FreightTemplateNotFound
from app.freight.models import FreightGroup, FreightRegion, FreightTemplate

FEE_FIELDS = ("first_units", "first_fee_fen", "additional_units", "additional_fee_fen",
              "free_over_fen", "free_over_count")
# what a group's fees are when not given (first_fee_fen is always given)
FEE_DEFAULTS = {"first_units": 1, "additional_units": 1, "additional_fee_fen": 0,
                "free_over_fen": None, "free_over_count": None}


def list_templates(session: Session, merchant_id: int, *, page: int,
                   per_page: int) -> tuple[list[FreightTemplate], int]:
    stmt = select(FreightTemplate).where(FreightTemplate.merchant_id == merchant_id)
    return paginate(session, stmt, order_by=FreightTemplate.id, page=page, per_page=per_page)


def get_template(session: Session, merchant_id: int, template_id: int, *,
                 lock: bool = False) -> FreightTemplate:
    stmt = select(FreightTemplate).where(FreightTemplate.id == template_id,
                                         FreightTemplate.merchant_id == merchant_id)
    if lock:
        stmt = stmt.with_for_update()
    template = session.scalars(stmt).one_or_none()
    if template is None:
        raise FreightTemplateNotFound(details={"freight_template_id": template_id})
    return template


def check_owned(session: Session, merchant_id: int, template_id: int) -> None:
    """For the catalogue: the merchant's own template, locked, or not found."""
    get_template(session, merchant_id, template_id, lock=True)


# Registered on import, not at app install: whatever saves a product naming a
# template (the staff API, the demo data the launcher loads before any app
# exists) has imported this module.
references.register("freight_template_id", check_owned)


def create(session: Session, merchant_id: int, data: dict, now: datetime) -> FreightTemplate:
    """`data` as FreightTemplateIn loads it (regions checked there): name, method,
    default (fees), groups (fees and regions), not_delivered (codes)."""
    template = FreightTemplate(merchant_id=merchant_id, name=data["name"],
                               method=data["method"], created_at=now, updated_at=now)
    session.add(template)
    session.flush()
    _write_contents(session, template, data)
    return template


def replace(session: Session, merchant_id: int, template_id: int, data: dict,
            now: datetime) -> FreightTemplate:
    """Everything at once: name, method, fees, groups and refused regions."""
    template = get_template(session, merchant_id, template_id, lock=True)
    session.execute(delete(FreightRegion).where(FreightRegion.template_id == template.id))
    session.execute(delete(FreightGroup).where(FreightGroup.template_id == template.id))
    template.name, template.method, template.updated_at = data["name"], data["method"], now
    _write_contents(session, template, data)
    return template


def delete_template(session: Session, merchant_id: int, template_id: int) -> None:
    template = get_template(session, merchant_id, template_id, lock=True)
    users = list(session.scalars(select(Product.id).where(
        Product.freight_template_id == template.id).order_by(Product.id).limit(20)))
    if users:
        raise FreightTemplateInUse(details={"product_ids": users})
    session.execute(delete(FreightRegion).where(FreightRegion.template_id == template.id))
    session.execute(delete(FreightGroup).where(FreightGroup.template_id == template.id))
    session.delete(template)
    session.flush()


def _write_contents(session: Session, template: FreightTemplate, data: dict) -> None:
    repeated = rules.repeated_regions((g["regions"] for g in data["groups"]),
                                      data["not_delivered"])
    if repeated:  # the schema refuses these first; the unique constraint backs both
        raise ValueError(f"regions named twice: {repeated}")
    groups = [_group(template.id, 0, data["default"])]
    groups += [_group(template.id, i, g) for i, g in enumerate(data["groups"], start=1)]
    session.add_all(groups)
    session.flush()
    for group, spec in zip(groups[1:], data["groups"], strict=True):
        session.add_all(FreightRegion(template_id=template.id, group_id=group.id,
                                      region_code=code) for code in spec["regions"])
    session.add_all(FreightRegion(template_id=template.id, group_id=None, region_code=code)
                    for code in data["not_delivered"])
    session.flush()
    session.expire(template, ["groups", "regions"])


def _group(template_id: int, position: int, fees: dict) -> FreightGroup:
    return FreightGroup(template_id=template_id, position=position,
                        **{k: {**FEE_DEFAULTS, **fees}[k] for k in FEE_FIELDS})


def describe(template: FreightTemplate) -> dict:
    """The template as the API shows it (FreightTemplateOut)."""
    codes: dict[int | None, list[str]] = {}
    for region in template.regions:
        codes.setdefault(region.group_id, []).append(region.region_code)
    default, *others = template.groups
    return {"id": template.id, "merchant_id": template.merchant_id, "name": template.name,
            "method": template.method, "default": _fees(default),
            "groups": [{"regions": codes.get(g.id, []), **_fees(g)} for g in others],
            "not_delivered": codes.get(None, []), "created_at": template.created_at,
            "updated_at": template.updated_at}


def _fees(group: FreightGroup) -> dict:
    return {k: getattr(group, k) for k in FEE_FIELDS}


def as_rules(template: FreightTemplate) -> rules.Template:
    """The template as the pure rules take it."""
    codes: dict[int | None, set[str]] = {}
    for region in template.regions:
        codes.setdefault(region.group_id, set()).add(region.region_code)
    default, *others = template.groups
    return rules.Template(
        id=template.id, method=template.method, default=rules.Fees(**_fees(default)),
        groups=tuple(rules.RegionGroup(frozenset(codes.get(g.id, ())), rules.Fees(**_fees(g)))
                     for g in others),
        not_delivered=frozenset(codes.get(None, ())))


def load_rules(session: Session, merchant_id: int,
               template_ids: set[int]) -> dict[int, rules.Template]:
    """The merchant's templates among `template_ids`, as rules."""
    rows = session.scalars(select(FreightTemplate).where(
        FreightTemplate.id.in_(template_ids), FreightTemplate.merchant_id == merchant_id))
    return {t.id: as_rules(t) for t in rows}
