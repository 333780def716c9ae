"""Order use cases. Every state change is a guarded UPDATE on the current
status, so when two actors race (timeout job, sweep, buyer cancel, payment)
exactly one wins and its side effects happen once: what the order holds
moves with it in the same transaction (stock here, the rest through
app/orders/holdings.py), and the change is recorded as a domain event that
other features handle after the commit (app/events.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from app import events, outbox
from app.auth.models import User
from app.catalog import stock
from app.catalog.errors import NotOnSale, OutOfStock, SkuNotFound
from app.catalog.models import Merchant, Product, Sku
from app.db import paginate
from app.orders import delivery as deliveries
from app.orders import filters as order_filters
from app.orders import holdings, pricing, rows, rules, sources
from app.orders.errors import IllegalState, InvalidLines, MixedMerchants, OrderNotFound
from app.orders.models import Order, OrderLine


@dataclass
class Priced:
    """An order priced and not written: its lines (values, in SKU-id
    order), the checkout with its amounts and what each step applied, the
    attribution of its source, where it goes (the delivery kind and the
    ship-to copy), and the writers its steps left to run once the order
    exists."""

    checkout: pricing.Checkout
    attribution: dict
    afterwards: list[Callable[[Order], None]]
    ship_to: dict


def price_order(session: Session, *, buyer_id: int, lines: list[tuple[int, int]],
                now: datetime, source: dict | None = None, kind: str = "normal",
                prices: dict[int, int] | None = None, asks: dict | None = None,
                delivery: str | None = None, address_id: int | None = None,
                contact: dict | None = None,
                loaded: dict[int, tuple[Sku, Product]] | None = None) -> Priced:
    """What an order of these lines would cost, writing nothing and taking no
    stock: the delivery settled (delivery.py: express to the buyer's
    `address_id`, copied, or pickup at the source's point, with an optional
    `contact`), the SKUs loaded (on sale, one merchant), the source resolved,
    the lines priced from the SKUs or from `prices` (sku id -> unit fen) that
    a promotion has already checked, then the checkout steps (pricing.py)
    apply what the buyer `asks` for: a coupon, points, perks, postage to the
    ship-to's region. The checkout preview and `create_order` both price
    here, so a preview is what the order charges. `loaded`: the SKUs as
    load_skus returned them, when a batch writer loaded them once for many
    orders."""
    try:
        merged = rules.merge_lines(lines)
    except ValueError as exc:
        raise InvalidLines(str(exc)) from exc
    delivery_kind = deliveries.kind_for(delivery, source)
    ship_to = deliveries.ship_to_for(session, buyer_id=buyer_id, kind=delivery_kind,
                                     address_id=address_id, contact=contact)
    skus = loaded if loaded is not None else load_skus(session,
                                                       [sku_id for sku_id, _ in merged])
    merchants = {sku.merchant_id for sku, _ in skus.values()}
    if len(merchants) != 1:
        raise MixedMerchants()
    attribution = sources.resolve(session, source or {}, buyer_id,
                                  merchant_id=next(iter(merchants)))
    order_lines = []
    for sku_id, qty in merged:
        sku, product = skus[sku_id]
        unit_fen = (prices or {}).get(sku_id, sku.price_fen)
        order_lines.append(pricing.Line(sku_id=sku_id, product_id=product.id,
                                        title=product.title, spec=sku.spec,
                                        unit_price_fen=unit_fen, quantity=qty,
                                        amount_fen=unit_fen * qty))
    checkout = pricing.Checkout(buyer_id=buyer_id, merchant_id=merchants.pop(), kind=kind,
                                lines=order_lines, asks=dict(asks or {}),
                                goods_fen=sum(line.amount_fen for line in order_lines),
                                delivery_kind=delivery_kind,
                                region_code=ship_to.get("ship_to_region_code", ""))
    afterwards = pricing.price(session, checkout, now)
    return Priced(checkout, attribution, afterwards, ship_to)


def write_order(session: Session, priced: Priced, *, now: datetime, remark: str = "",
                request_id: str | None = None, request_digest: str | None = None) -> Order:
    """Write a priced order: the order inserted (`request_id`, the buyer's
    idempotency key, is unique per buyer: see idempotency.py); then its stock
    taken with guarded updates in SKU-id order (so concurrent orders cannot
    deadlock), except for kinds whose units come out of a promotion's own
    quota; then the steps' writers (a coupon marked used, points spent).
    The SKU rows every order locks are taken late, so they are held briefly;
    a refusal (out of stock) rolls the whole order back."""
    checkout = priced.checkout
    order = new_order(priced, now=now, remark=remark, request_id=request_id,
                      request_digest=request_digest)
    session.add(order)
    session.flush()
    if rules.takes_sku_stock(checkout.kind):
        for line in checkout.lines:
            stock.take(session, line.sku_id, line.quantity)
    for after in priced.afterwards:
        after(order)
    return order


def new_order(priced: Priced, *, now: datetime, remark: str = "",
              request_id: str | None = None, request_digest: str | None = None) -> Order:
    """The pending Order row of a priced order, in no session yet (its
    values: rows.order_values)."""
    return Order(**rows.order_values(priced.checkout, priced.attribution, priced.ship_to,
                                     now=now, remark=remark, request_id=request_id,
                                     request_digest=request_digest),
                 lines=[OrderLine(**rows.line_values(line))
                        for line in priced.checkout.lines])


def create_order(session: Session, *, buyer_id: int, lines: list[tuple[int, int]],
                 now: datetime, source: dict | None = None, remark: str = "",
                 kind: str = "normal", prices: dict[int, int] | None = None,
                 asks: dict | None = None, request_id: str | None = None,
                 request_digest: str | None = None, delivery: str | None = None,
                 address_id: int | None = None, contact: dict | None = None) -> Order:
    """Price the order (price_order) and write it (write_order)."""
    priced = price_order(session, buyer_id=buyer_id, lines=lines, now=now, source=source,
                         kind=kind, prices=prices, asks=asks, delivery=delivery,
                         address_id=address_id, contact=contact)
    return write_order(session, priced, now=now, remark=remark, request_id=request_id,
                       request_digest=request_digest)


# built once (a hot path's batch loads its SKUs with them)
_SKUS = (select(Sku, Product).join(Product, Sku.product_id == Product.id)
         .where(Sku.id.in_(bindparam("ids", expanding=True)))
         .options(lazyload(Product.skus)))  # not its other SKUs
_SUSPENDED = select(Merchant.id).where(Merchant.id.in_(bindparam("ids", expanding=True)),
                                       Merchant.status == "suspended")


def load_skus(session: Session, sku_ids: list[int]) -> dict[int, tuple[Sku, Product]]:
    """The SKUs with their products, each on sale by a merchant not suspended."""
    rows = session.execute(_SKUS, {"ids": list(sku_ids)}).all()
    found = {sku.id: (sku, product) for sku, product in rows}
    missing = [i for i in sku_ids if i not in found]
    if missing:
        raise SkuNotFound(details={"sku_ids": missing})
    off = [i for i, (_, p) in found.items() if p.status != "on_sale"]
    if off:
        raise NotOnSale(details={"sku_ids": off})
    merchant_ids = {p.merchant_id for _, p in found.values()}
    suspended = set(session.scalars(_SUSPENDED, {"ids": sorted(merchant_ids)}))
    if suspended:  # a suspended merchant sells nothing (a platform admin's call)
        raise NotOnSale(details={"sku_ids": [i for i, (_, p) in found.items()
                                             if p.merchant_id in suspended],
                                 "reason": "merchant_suspended"})
    return found


def get_order(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None:
        raise OrderNotFound()
    return order


def lock_order(session: Session, order_id: int, *, lines: bool = True) -> Order:
    """The order, re-read under a row lock (FOR UPDATE on PostgreSQL; on
    SQLite BEGIN IMMEDIATE already serialises writers). `lines=False`: its
    lines are read when first used, in the session (a caller that never
    hands the order out of its transaction)."""
    stmt = select(Order).where(Order.id == order_id).with_for_update()
    if not lines:
        stmt = stmt.options(lazyload(Order.lines))
    order = session.scalars(stmt.execution_options(populate_existing=True)).one_or_none()
    if order is None:
        raise OrderNotFound()
    return order


def orders_by_id(session: Session, order_ids: list[int]) -> dict[int, Order]:
    """The orders among `order_ids`, read in one query (their lines when first used)."""
    if not order_ids:
        return {}
    return {o.id: o for o in session.scalars(select(Order).where(Order.id.in_(order_ids))
                                             .options(lazyload(Order.lines)))}


def buyer_order(session: Session, buyer_id: int, order_id: int) -> Order:
    """Another buyer's order is reported as not found, not as forbidden."""
    order = get_order(session, order_id)
    if order.buyer_id != buyer_id:
        raise OrderNotFound()
    return order


def merchant_order(session: Session, merchant_id: int, order_id: int) -> Order:
    """Another merchant's order is reported as not found."""
    order = get_order(session, order_id)
    if order.merchant_id != merchant_id:
        raise OrderNotFound()
    return order


def list_orders(session: Session, *, buyer_id: int | None = None,
                merchant_id: int | None = None, page: int, per_page: int,
                **filters) -> tuple[list[Order], int]:
    """A page of orders, newest first; `filters` as app/orders/filters.py."""
    stmt = select(Order)
    if buyer_id is not None:
        stmt = stmt.where(Order.buyer_id == buyer_id)
    if merchant_id is not None:
        stmt = stmt.where(Order.merchant_id == merchant_id)
    stmt = order_filters.apply(stmt, filters)
    return paginate(session, stmt, order_by=Order.id.desc(), page=page, per_page=per_page)


def load_buyers(session: Session, orders: list[Order]) -> list[Order]:
    """Load the orders' buyers in one query (staff views show their nicknames)."""
    ids = {o.buyer_id for o in orders}
    if ids:
        session.scalars(select(User).where(User.id.in_(ids))).all()
    return orders


def move(session: Session, order: Order, target: str, *, pickup: bool = False,
         **values) -> bool:
    """Move `order` from its loaded status to `target` if nobody moved it first.
    Returns False when another actor won the race (the order is read again:
    it shows what they did); raises on an illegal move. A move that took
    holds exactly the values it wrote, so nothing is read back."""
    current = order.status
    try:
        rules.check_move(current, target, pickup=pickup)
    except rules.IllegalTransition as exc:
        raise IllegalState(details={"status": current, "target": target}) from exc
    result = session.execute(update(Order).where(Order.id == order.id, Order.status == current)
                             .values(status=target, **values)
                             .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        session.refresh(order)
        return False
    for key, value in {"status": target, **values}.items():
        set_committed_value(order, key, value)
    return True


def _cancel(session: Session, order: Order, reason: str, now: datetime) -> bool:
    if not move(session, order, rules.CANCELLED, cancelled_at=now, cancel_reason=reason):
        return False
    if rules.takes_sku_stock(order.kind):
        for line in order.lines:
            stock.give_back(session, line.sku_id, line.quantity)
    holdings.cancelled(session, order, now)
    outbox.record(session, events.OrderCancelled(order_id=order.id, reason=reason, at=now))
    return True


def cancel_by_buyer(session: Session, *, buyer_id: int, order_id: int, now: datetime) -> Order:
    order = buyer_order(session, buyer_id, order_id)
    if not _cancel(session, order, "buyer", now):
        raise IllegalState(details={"status": order.status, "target": rules.CANCELLED})
    return order


def expire_unpaid(session: Session, *, order_id: int, now: datetime) -> bool:
    """Cancel an order still unpaid after its deadline; True if this call did it."""
    order = session.get(Order, order_id)
    if order is None or order.status != rules.PENDING or now < order.pay_deadline:
        return False
    return _cancel(session, order, "payment_timeout", now)


def mark_paid(session: Session, *, order_id: int, now: datetime) -> bool:
    """Pending -> paid -> (grouping | to_ship), OrderPaid once. False if the
    order was no longer pending (already paid, or cancelled)."""
    order = get_order(session, order_id)
    if order.status != rules.PENDING or not move(session, order, rules.PAID, paid_at=now):
        return False
    _paid(session, order, now)
    return True


def _paid(session: Session, order: Order, now: datetime) -> None:
    move(session, order, rules.status_after_payment(order.kind))
    holdings.paid(session, order, now)
    outbox.record(session, events.OrderPaid(order_id=order.id, buyer_id=order.buyer_id,
                                            merchant_id=order.merchant_id, kind=order.kind,
                                            at=now))


def revive_paid(session: Session, *, order_id: int, now: datetime) -> bool:
    """A payment that arrived after the order was cancelled: take its stock
    again (guarded, all lines or none) and move it to paid. False when the
    order may not be revived or the stock is gone; the caller refunds."""
    order = get_order(session, order_id)
    if order.status != rules.CANCELLED or \
            not rules.late_payment_can_revive(order.kind, order.coupon_id, order.cancel_reason):
        return False
    try:
        with session.begin_nested():
            for line in sorted(order.lines, key=lambda ln: ln.sku_id):
                stock.take(session, line.sku_id, line.quantity)
    except OutOfStock:
        return False
    if not move(session, order, rules.PAID, paid_at=now):
        raise IllegalState(details={"status": order.status, "target": rules.PAID})
    _paid(session, order, now)
    return True


def receive_by_buyer(session: Session, *, buyer_id: int, order_id: int, now: datetime) -> Order:
    order = buyer_order(session, buyer_id, order_id)
    if not move(session, order, rules.RECEIVED, received_at=now):
        raise IllegalState(details={"status": order.status, "target": rules.RECEIVED})
    return order


def receive_at_pickup(session: Session, *, order_id: int, now: datetime) -> Order:
    """Goods handed over at a community pickup point (its leader checked the
    pickup code): to_ship, partially_shipped or shipped -> received. Only an order collected at
    a point (it names a leader) may skip shipping."""
    order = get_order(session, order_id)
    if order.leader_id is None or not move(session, order, rules.RECEIVED, pickup=True,
                                           received_at=now):
        raise IllegalState(details={"status": order.status, "target": rules.RECEIVED})
    return order


def auto_receive(session: Session, *, order_id: int, now: datetime) -> bool:
    order = session.get(Order, order_id)
    if order is None or order.status != rules.SHIPPED or \
            now < order.shipped_at + rules.AUTO_RECEIVE_AFTER:
        return False
    return move(session, order, rules.RECEIVED, received_at=now)


def receive_delivered(session: Session, *, order_id: int, now: datetime) -> bool:
    """The carrier reports every package signed for: shipped -> received,
    as the buyer's own confirmation would. True if this call did it (a
    replayed or concurrent report finds the order received and does nothing)."""
    order = session.get(Order, order_id)
    if order is None or order.status != rules.SHIPPED:
        return False
    return move(session, order, rules.RECEIVED, received_at=now)


def complete(session: Session, *, order_id: int, now: datetime) -> bool:
    """Received and the after-sale window closed: completed, OrderCompleted once."""
    order = session.get(Order, order_id)
    if order is None or order.status != rules.RECEIVED or \
            now < order.received_at + rules.AFTER_SALE_WINDOW:
        return False
    if not move(session, order, rules.COMPLETED, completed_at=now):
        return False
    outbox.record(session, events.OrderCompleted(order_id=order.id, at=now))
    return True


def due(session: Session, *, status: str, column, before: datetime, limit: int = 500) -> list[int]:
    """Ids of orders in `status` whose `column` time is at or before `before`."""
    return list(session.scalars(select(Order.id).where(Order.status == status, column <= before)
                                .order_by(Order.id).limit(limit)))
