"""The app as gunicorn serves it, plus two routes that exist only for the
benchmark, so every figure comes from the same server:

- GET  /bench/noop           a no-op JSON answer: the floor of the stack
- POST /bench/sql-grab/<sku>  a grab done the peers' way: in one database
  transaction per request, the user's limit counted, a guarded
  `UPDATE skus SET stock = stock - n WHERE id = :sku AND stock >= n`, and
  the pending order inserted.
- POST /bench/notice-verify   a WeChat Pay notice only verified (signature,
  timestamp, AES-GCM decryption) and answered 204: the floor of the notify
  path, with nothing applied.

Run: gunicorn -k gevent bench.server:app
"""

from __future__ import annotations

from datetime import timedelta

from flask import g, jsonify, request
from sqlalchemy import func, insert, select, update

from app import clock, create_app, run_startup_checks
from app.auth.access import bearer_required
from app.catalog.models import Product, Sku
from app.db import transaction
from app.orders.models import Order, OrderLine
from app.payments.setup import provider

app = create_app(socketio_async_mode="gevent")
run_startup_checks(app)


@app.get("/bench/noop")
def noop():
    return jsonify(ok=True)


@app.post("/bench/notice-verify")
def notice_verify():
    provider().verifier.notice(request.headers, request.get_data(cache=False), clock.now())
    return "", 204


@app.post("/bench/sql-grab/<int:sku_id>")
@bearer_required
def sql_grab(sku_id):
    quantity = int((request.get_json(silent=True) or {}).get("quantity", 1))
    now = clock.now()
    with transaction() as session:
        had = session.scalar(select(func.count()).select_from(OrderLine).join(Order).where(
            Order.buyer_id == g.user_id, OrderLine.sku_id == sku_id))
        if had:
            return jsonify(error={"code": "limit_reached"}), 409
        taken = session.execute(update(Sku).where(Sku.id == sku_id, Sku.stock >= quantity)
                                .values(stock=Sku.stock - quantity)
                                .execution_options(synchronize_session=False))
        if taken.rowcount != 1:
            return jsonify(error={"code": "sold_out"}), 409
        sku, product = session.execute(select(Sku, Product).join(Product)
                                       .where(Sku.id == sku_id)).one()
        total = sku.price_fen * quantity
        order_id = session.scalar(insert(Order).returning(Order.id).values(
            buyer_id=g.user_id, merchant_id=product.merchant_id, kind="flashsale",
            status="pending_payment", goods_fen=total, postage_fen=0, discount_fen=0,
            total_fen=total, created_at=now, pay_deadline=now + timedelta(minutes=5)))
        session.execute(insert(OrderLine).values(
            order_id=order_id, sku_id=sku_id, product_id=product.id, title=product.title,
            spec=sku.spec, unit_price_fen=sku.price_fen, quantity=quantity, amount_fen=total))
    return jsonify(order_id=order_id), 201
