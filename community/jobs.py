"""Community jobs: the sweep settles leader commission whose order
completed while a refund was still in progress (the completion handler
settles the rest at once). Idempotent: settled rows are skipped."""

from __future__ import annotations

from app import clock
from app.db import transaction
from community import leader_commission


def sweep() -> dict[str, int]:
    settled = 0
    while True:
        with transaction() as session:
            done = leader_commission.settle(session, leader_commission.due(session),
                                            clock.now())
        settled += len(done)
        if not done:
            return {"leader_settled": settled}
