"""Order jobs: ids in, idempotent (a second run changes nothing), each order
in its own transaction. Timers are scheduled per order; the sweeps catch any
timer that was lost."""

from __future__ import annotations

from app import clock
from app.db import transaction
from app.orders import rules, schedule, service
from app.orders.models import Order


def expire_unpaid(order_id: int) -> bool:
    with transaction() as session:
        return service.expire_unpaid(session, order_id=order_id, now=clock.now())


def auto_receive(order_id: int) -> bool:
    with transaction() as session:
        done = service.auto_receive(session, order_id=order_id, now=clock.now())
        if done:
            schedule.completion(session, service.get_order(session, order_id))
        return done


def complete(order_id: int) -> bool:
    with transaction() as session:
        return service.complete(session, order_id=order_id, now=clock.now())


def sweep() -> dict[str, int]:
    """Run every overdue timer: unpaid, shipped too long, after-sale closed."""
    now = clock.now()
    with transaction() as session:
        unpaid = service.due(session, status=rules.PENDING, column=Order.pay_deadline,
                             before=now)
        shipped = service.due(session, status=rules.SHIPPED, column=Order.shipped_at,
                              before=now - rules.AUTO_RECEIVE_AFTER)
        received = service.due(session, status=rules.RECEIVED, column=Order.received_at,
                               before=now - rules.AFTER_SALE_WINDOW)
    counts = {"expired": sum(expire_unpaid(i) for i in unpaid),
              "received": sum(auto_receive(i) for i in shipped),
              "completed": sum(complete(i) for i in received)}
    return counts

