"""PostgreSQL's way to write a batch of wins in few round trips (each one a
wait the committer spends off the CPU while its whole batch waits): the
sale's row lock and the batch's flash orders read in one pipeline, then the
guarded `sold` update and the orders, lines and flash orders in one
statement. Same reads, rules and rows as grabs.py's portable path."""

from __future__ import annotations

from datetime import datetime

from psycopg.rows import namedtuple_row

from app.orders import delivery
from app.orders import rules as order_rules
from app.orders.sources import FIELDS
from flashsale import rules

LOCKED = """
SELECT a.id, a.status, a.settled_at, a.sold, a.quota, a.per_user_limit, a.per_order_limit,
       a.merchant_id, a.sku_id, a.product_id, a.price_fen, s.spec, p.title
FROM flash_activities a JOIN skus s ON s.id = a.sku_id JOIN products p ON p.id = a.product_id
WHERE a.id = %(aid)s FOR UPDATE OF a"""

# A statement of its own after the lock: it reads what the batch before
# committed. One index lookup per buyer and per grab number, with both
# columns in the index condition. The sale's id is hidden from the planner
# (a sub-select), so it plans for an average sale: a new sale is missing
# from the statistics, and planned as one row the lookups would use the
# (sale, grab no) index for buyers and read every flash order of the sale.
TOUCHED = """
SELECT f.buyer_id, f.grab_no, f.quantity, f.state
FROM unnest(CAST(%(uids)s AS bigint[])) AS u(id), LATERAL (
  SELECT * FROM flash_orders
  WHERE activity_id = (SELECT CAST(%(aid)s AS bigint)) AND buyer_id = u.id OFFSET 0) f
UNION
SELECT f.buyer_id, f.grab_no, f.quantity, f.state
FROM unnest(CAST(%(nos)s AS bigint[])) AS g(no), LATERAL (
  SELECT * FROM flash_orders
  WHERE activity_id = (SELECT CAST(%(aid)s AS bigint)) AND grab_no = g.no OFFSET 0) f"""

# each source column once ('community' and 'pickup' fill the same pair)
SOURCE_COLUMNS = list(dict.fromkeys(c for pair in FIELDS.values() for c in pair))
_SOURCE_ARRAYS = ", ".join(f"CAST(%({c})s AS bigint[])" for c in SOURCE_COLUMNS)
_SOURCE_R = ", ".join(f"r.{c}" for c in SOURCE_COLUMNS)

# Order ids come from the sequence in the SELECT's order, so numbering the
# returned ids in id order matches them to the batch's rows (n).
WRITE = f"""
WITH up AS (
  UPDATE flash_activities SET sold = sold + %(units)s
  WHERE id = %(aid)s AND sold + %(units)s <= quota RETURNING id
), r AS (
  SELECT * FROM unnest(CAST(%(buyers)s AS bigint[]), CAST(%(qtys)s AS int[]),
                       CAST(%(nos)s AS bigint[]), CAST(%(deliveries)s AS text[]),
                       {_SOURCE_ARRAYS})
    WITH ORDINALITY AS r(buyer_id, qty, grab_no, delivery_kind, {", ".join(SOURCE_COLUMNS)}, n)
), o AS (
  INSERT INTO orders (buyer_id, merchant_id, kind, status, goods_fen, postage_fen,
                      discount_fen, total_fen, refunded_fen, refund_status, remark,
                      pay_deadline, created_at, cancel_reason, carrier, tracking_no,
                      delivery_kind, {", ".join(SOURCE_COLUMNS)})
  SELECT r.buyer_id, %(merchant)s, 'flashsale', %(pending)s, %(price)s * r.qty, 0, 0,
         %(price)s * r.qty, 0, %(refund_none)s, '', %(deadline)s, %(now)s, '', '', '',
         r.delivery_kind, {_SOURCE_R}
  FROM r WHERE EXISTS (SELECT 1 FROM up) ORDER BY r.n
  RETURNING id
), numbered AS (
  SELECT id, row_number() OVER (ORDER BY id) AS n FROM o
), lines AS (
  INSERT INTO order_lines (order_id, sku_id, product_id, title, spec, unit_price_fen,
                           quantity, amount_fen)
  SELECT numbered.id, %(sku)s, %(product)s, %(title)s, %(spec)s, %(price)s, r.qty,
         %(price)s * r.qty
  FROM numbered JOIN r USING (n)
), flash AS (
  INSERT INTO flash_orders (activity_id, grab_no, order_id, buyer_id, quantity, state,
                            created_at)
  SELECT %(aid)s, r.grab_no, numbered.id, r.buyer_id, r.qty, %(held)s, %(now)s
  FROM numbered JOIN r USING (n)
)
SELECT id FROM numbered ORDER BY n"""


def read(conn, activity_id: int, uids: list[int], nos: list[int]):
    """(the sale's row under its lock or None, the flash orders touching the
    batch), in one round trip."""
    raw = conn.connection.dbapi_connection
    params = {"aid": activity_id, "uids": uids, "nos": nos}
    with raw.pipeline():
        locked = raw.cursor(row_factory=namedtuple_row)
        locked.execute(LOCKED, params)
        touched = raw.cursor(row_factory=namedtuple_row)
        touched.execute(TOUCHED, params)
    return locked.fetchone(), touched.fetchall()


def write(conn, activity, accepted: list, units: int, now: datetime,
          deadline: datetime) -> list[int]:
    """Sell `units` and write the accepted wins' orders; their order ids in
    the order of `accepted`, or [] if the guarded update refused."""
    wins = [g.win for g, _ in accepted]
    params = {"aid": activity.id, "units": units, "buyers": [w.user_id for w in wins],
              "qtys": [w.quantity for w in wins], "nos": [w.grab_no for w in wins],
              "merchant": activity.merchant_id, "pending": order_rules.PENDING,
              "price": activity.price_fen, "refund_none": order_rules.REFUND_NONE,
              "deadline": deadline, "now": now, "sku": activity.sku_id,
              "product": activity.product_id, "title": activity.title, "spec": activity.spec,
              "held": rules.HELD,
              "deliveries": [delivery.kind_for(None, g.source) for g, _ in accepted]}
    for column in SOURCE_COLUMNS:
        params[column] = [attribution.get(column) for _, attribution in accepted]
    cur = conn.connection.dbapi_connection.cursor()
    cur.execute(WRITE, params)
    return [row[0] for row in cur.fetchall()]
