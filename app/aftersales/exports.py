"""The after-sales export: one row per request line, newest request first,
with the request's fields beside each line. Filters: the China days the
requests were made (created_from / created_to) and the order (order_id);
an order-status filter means nothing here and is refused."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.aftersales import settings as aftersale_settings
from app.aftersales.models import AfterSale, AfterSaleLine
from app.auth.models import User
from app.auth.roles import MERCHANT_STAFF
from app.clock import china_day_bounds
from app.exports.errors import ExportFilterInvalid
from app.exports.kinds import PAGE, Kind
from app.exports.labels import label, moment, yuan
from app.orders.models import OrderLine

KINDS = {"refund_only": ("仅退款", "Refund only"),
         "return_refund": ("退货退款", "Return and refund"), "exchange": ("换货", "Exchange")}
STATES = {
    "requested": ("待审核", "Requested"), "approved": ("待买家退货", "Approved"),
    "rejected": ("已拒绝", "Rejected"), "returning": ("买家已寄回", "Returning"),
    "returned": ("已收到退货", "Returned"), "refunding": ("退款中", "Refunding"),
    "refunded": ("已退款", "Refunded"), "exchanged": ("已换货", "Exchanged"),
    "closed": ("已关闭", "Closed"), "cancelled": ("已撤销", "Cancelled"),
}
COLUMNS = (
    ("售后单号", "After-sale no."), ("订单号", "Order no."), ("申请时间", "Requested"),
    ("类型", "Kind"), ("状态", "Status"), ("原因", "Reason"), ("买家", "Buyer"),
    ("商品", "Product"), ("规格", "Spec"), ("数量", "Quantity"),
    ("申请金额(元)", "Asked (yuan)"), ("同意金额(元)", "Agreed (yuan)"),
    ("退货快递", "Return parcel"), ("拒绝原因", "Reject reason"), ("买家说明", "Description"),
)
ALLOWED = frozenset({"created_from", "created_to", "order_id"})


def _stmt(merchant_id: int, filters: dict):
    stmt = select(AfterSale).where(AfterSale.merchant_id == merchant_id)
    if filters.get("order_id"):
        stmt = stmt.where(AfterSale.order_id == filters["order_id"])
    if filters.get("created_from"):
        stmt = stmt.where(AfterSale.created_at >= china_day_bounds(filters["created_from"])[0])
    if filters.get("created_to"):
        stmt = stmt.where(AfterSale.created_at < china_day_bounds(filters["created_to"])[1])
    return stmt


def check(session: Session, merchant_id: int, filters: dict) -> None:
    extra = sorted(name for name, value in filters.items()
                   if name not in ALLOWED and value not in (None, ""))
    if extra:
        raise ExportFilterInvalid(details={"filters": extra})


def count(session: Session, merchant_id: int, filters: dict) -> int:
    ids = _stmt(merchant_id, filters).with_only_columns(AfterSale.id).subquery()
    return int(session.scalar(select(func.count()).select_from(AfterSaleLine)
                              .where(AfterSaleLine.after_sale_id.in_(select(ids.c.id)))))


def rows(read, merchant_id: int, filters: dict, lang: str) -> Iterator[tuple]:
    """Newest request first, its lines in order; PAGE requests per transaction."""
    below = None
    while True:
        with read() as session:
            page, below = _page(session, merchant_id, filters, lang, below)
        if not page:
            return
        yield from page


def _page(session: Session, merchant_id: int, filters: dict, lang: str,
          below: int | None) -> tuple[list[tuple], int | None]:
    stmt = _stmt(merchant_id, filters)
    if below is not None:
        stmt = stmt.where(AfterSale.id < below)
    sales = list(session.scalars(stmt.order_by(AfterSale.id.desc()).limit(PAGE)))
    if not sales:
        return [], below
    reasons = dict(aftersale_settings.of(session, merchant_id).reasons)
    nick = dict(session.execute(select(User.id, User.nickname)
                                .where(User.id.in_({s.buyer_id for s in sales}))).all())
    line_ids = {line.order_line_id for s in sales for line in s.lines}
    goods = {line.id: (line.title, line.spec) for line in session.scalars(
        select(OrderLine).where(OrderLine.id.in_(line_ids)))}
    out = []
    for sale in sales:
        parcel = f"{sale.return_carrier} {sale.return_tracking_no}".strip()
        agreed = None if sale.agreed_fen is None else yuan(sale.agreed_fen)
        head = (sale.id, sale.order_id, moment(sale.created_at), label(KINDS, sale.kind, lang),
                label(STATES, sale.status, lang), reasons.get(sale.reason_code, sale.reason_code),
                nick.get(sale.buyer_id, ""))
        tail = (yuan(sale.asked_fen), agreed, parcel, sale.reject_reason, sale.description)
        out.extend((*head, *goods[line.order_line_id], line.quantity, *tail)
                   for line in sale.lines)
    return out, sales[-1].id


AFTER_SALES = Kind("after_sales", COLUMNS, MERCHANT_STAFF, (), count, rows,
                   ("售后单", "after-sales"), check=check)
