"""The orders export: one row per order line with the order's fields beside
each (the way merchants sort and pivot them in Excel); the filters are the
staff order list's (app/orders/filters.py); newest order first."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.roles import MERCHANT_STAFF
from app.exports import labels
from app.exports.kinds import PAGE, Kind
from app.exports.labels import label, moment, yuan
from app.orders import filters as order_filters
from app.orders.models import Order, OrderLine
from app.shipping.models import Package

ORDER_COLUMNS = (
    ("订单号", "Order no."), ("下单时间", "Created"), ("付款时间", "Paid"),
    ("订单状态", "Status"), ("退款状态", "Refund status"), ("买家", "Buyer"),
    ("收货人", "Recipient"), ("手机号", "Phone"), ("省", "Province"), ("市", "City"),
    ("区", "District"), ("详细地址", "Address"), ("配送方式", "Delivery"),
    ("商品", "Product"), ("规格", "Spec"), ("单价(元)", "Unit price (yuan)"),
    ("数量", "Quantity"), ("小计(元)", "Line amount (yuan)"), ("运费(元)", "Postage (yuan)"),
    ("优惠(元)", "Discount (yuan)"), ("实付(元)", "Paid total (yuan)"),
    ("已退(元)", "Refunded (yuan)"), ("快递单号", "Tracking numbers"), ("买家留言", "Remark"),
)


def _orders_stmt(merchant_id: int, filters: dict):
    return order_filters.apply(select(Order).where(Order.merchant_id == merchant_id), filters)


def count_orders(session: Session, merchant_id: int, filters: dict) -> int:
    """Rows the export will have: the matching orders' lines."""
    ids = _orders_stmt(merchant_id, filters).with_only_columns(Order.id).subquery()
    return int(session.scalar(select(func.count()).select_from(OrderLine)
                              .where(OrderLine.order_id.in_(select(ids.c.id)))))


def order_rows(read, merchant_id: int, filters: dict, lang: str) -> Iterator[tuple]:
    """Newest order first, its lines in order; PAGE orders per transaction
    (none stays open while the rows are written)."""
    below = None
    while True:
        with read() as session:
            rows, below = _order_page(session, merchant_id, filters, lang, below)
        if not rows:
            return
        yield from rows


def _order_page(session: Session, merchant_id: int, filters: dict, lang: str,
                below: int | None) -> tuple[list[tuple], int | None]:
    stmt = _orders_stmt(merchant_id, filters)
    if below is not None:
        stmt = stmt.where(Order.id < below)
    orders = list(session.scalars(stmt.order_by(Order.id.desc()).limit(PAGE)))
    if not orders:
        return [], below
    ids = [o.id for o in orders]
    nick = dict(session.execute(select(User.id, User.nickname)
                                .where(User.id.in_({o.buyer_id for o in orders}))).all())
    parcels: dict[int, list[str]] = {}
    for order_id, carrier, number in session.execute(
            select(Package.order_id, Package.carrier, Package.tracking_no)
            .where(Package.order_id.in_(ids)).order_by(Package.id)):
        parcels.setdefault(order_id, []).append(f"{carrier} {number}")
    rows = []
    for order in orders:
        head = _order_head(order, nick.get(order.buyer_id, ""), lang)
        tail = (yuan(order.postage_fen), yuan(order.discount_fen), yuan(order.total_fen),
                yuan(order.refunded_fen), "; ".join(parcels.get(order.id, [])), order.remark)
        rows.extend((*head, line.title, line.spec, yuan(line.unit_price_fen), line.quantity,
                     yuan(line.amount_fen), *tail) for line in order.lines)
    return rows, ids[-1]


def _order_head(order: Order, nickname: str, lang: str) -> tuple:
    return (order.id, moment(order.created_at), moment(order.paid_at),
            label(labels.ORDER_STATUS, order.status, lang),
            label(labels.REFUND_STATUS, order.refund_status, lang), nickname,
            order.ship_to_name, order.ship_to_phone, order.ship_to_province, order.ship_to_city,
            order.ship_to_district, order.ship_to_detail,
            label(labels.DELIVERY, order.delivery_kind, lang))



ORDERS = Kind("orders", ORDER_COLUMNS, MERCHANT_STAFF, (), count_orders, order_rows,
              ("订单", "orders"))
