"""A buyer's packages: each package of an order with its lines and its
tracking timeline."""

from flask import g

from app.auth.access import login_required
from app.db import transaction
from app.orders import service as orders
from app.schema import Blueprint
from app.tracking import service
from app.tracking.schemas import OrderPackagesOut

bp = Blueprint("mp_packages", __name__, url_prefix="/mp/v1",
               description="The buyer's packages and where they are.")


@bp.get("/orders/<int:order_id>/packages")
@login_required
@bp.response(200, OrderPackagesOut)
def order_packages(order_id):
    """Each package: carrier (code and name), number, lines, events newest first."""
    with transaction() as session:
        return service.timeline(session, orders.buyer_order(session, g.user_id, order_id))
