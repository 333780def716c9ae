"""Order events the features listen to (blinker, as Flask uses).

Sent inside the transaction that changed the order, with `session`, `order`
and `now` as keyword arguments, so a listener writes in the same commit and
is rolled back with it. Listeners must be idempotent; anything that leaves
the process (jobs, sockets) goes through `app.db.after_commit`.
"""

from blinker import Namespace

_events = Namespace()

order_paid = _events.signal("order-paid")
order_refunded = _events.signal("order-refunded")
order_completed = _events.signal("order-completed")
order_cancelled = _events.signal("order-cancelled")
