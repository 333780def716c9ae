"""The buyers' lists of group-buy and bargain activities. Listed: active
activities that have not ended; running ones (started) first, soonest to
end first, then upcoming ones, soonest to start first (ties by id). Each
comes with its product's title and picture, its prices and its phase."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.catalog import pictures
from app.catalog.models import Product, Sku
from groupbuy.models import BargainActivity, GroupActivity, GroupSku

RUNNING, UPCOMING = "running", "upcoming"
PHASES = (RUNNING, UPCOMING)


def _page(session: Session, model, *, now: datetime, phase: str | None, page: int,
          per_page: int, of_product=None) -> tuple[list, int]:
    started = model.starts_at <= now
    stmt = select(model).where(model.status == "active", model.ends_at > now)
    if phase is not None:
        stmt = stmt.where(started if phase == RUNNING else ~started)
    if of_product is not None:
        stmt = stmt.where(of_product)
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    items = session.scalars(stmt.order_by(case((started, 0), else_=1),
                                          case((started, model.ends_at), else_=model.starts_at),
                                          model.id)
                            .limit(per_page).offset((page - 1) * per_page)).all()
    return list(items), total


def _products(session: Session, sku_ids: set[int]) -> dict[int, tuple[Sku, Product]]:
    rows = session.execute(select(Sku, Product).join(Product, Product.id == Sku.product_id)
                           .where(Sku.id.in_(sku_ids))).all() if sku_ids else []
    pictures.attach(session, {p.id: p for _, p in rows}.values())
    return {sku.id: (sku, product) for sku, product in rows}


def _shown(act, product: Product, now: datetime) -> dict:
    return {"id": act.id, "merchant_id": act.merchant_id, "title": act.title,
            "phase": RUNNING if act.starts_at <= now else UPCOMING,
            "starts_at": act.starts_at, "ends_at": act.ends_at, "product_id": product.id,
            "product_title": product.title, "image_url": product.image_url}


def _skus_of(product_id: int):
    return select(Sku.id).where(Sku.product_id == product_id)


def group_activities(session: Session, *, now: datetime, phase: str | None, page: int,
                     per_page: int, product_id: int | None = None) -> tuple[list[dict], int]:
    """Each with its SKUs' group prices, the lowest group price and the lowest
    normal price of those SKUs; only one product's, with `product_id`."""
    of_product = None if product_id is None else GroupActivity.id.in_(
        select(GroupSku.activity_id).where(GroupSku.sku_id.in_(_skus_of(product_id))))
    acts, total = _page(session, GroupActivity, now=now, phase=phase, page=page,
                        per_page=per_page, of_product=of_product)
    found = _products(session, {item.sku_id for act in acts for item in act.skus})
    shown = []
    for act in acts:
        _, product = found[act.skus[0].sku_id]
        shown.append({**_shown(act, product, now), "group_size": act.group_size,
                      "skus": [{"sku_id": i.sku_id, "group_price_fen": i.group_price_fen}
                               for i in act.skus],
                      "group_price_fen": min(i.group_price_fen for i in act.skus),
                      "price_fen": min(found[i.sku_id][0].price_fen for i in act.skus)})
    return shown, total


def bargain_activities(session: Session, *, now: datetime, phase: str | None, page: int,
                       per_page: int, product_id: int | None = None) -> tuple[list[dict], int]:
    """Each with its start and floor prices and the helpers it needs; only one
    product's, with `product_id`."""
    of_product = None if product_id is None else \
        BargainActivity.sku_id.in_(_skus_of(product_id))
    acts, total = _page(session, BargainActivity, now=now, phase=phase, page=page,
                        per_page=per_page, of_product=of_product)
    found = _products(session, {act.sku_id for act in acts})
    return [{**_shown(act, found[act.sku_id][1], now), "sku_id": act.sku_id,
             "start_price_fen": act.start_price_fen, "floor_price_fen": act.floor_price_fen,
             "helpers_needed": act.helpers_needed} for act in acts], total


