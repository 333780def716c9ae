"""Merchant staff: the dashboard (today and a period of China days)."""

from app import clock
from app.catalog.staff import staff_view
from app.dashboard import service
from app.dashboard.schemas import DashboardArgs, DashboardOut
from app.schema import Blueprint

bp = Blueprint("staff_dashboard", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: sales figures for the console's dashboard.")


@bp.get("/dashboard")
@staff_view
@bp.arguments(DashboardArgs, location="query")
@bp.response(200, DashboardOut)
def get_dashboard(args, merchant_id, session):
    """Today's and the period's GMV, orders, paying buyers and conversion, the
    daily series, GMV by source and the top 10 products (rules in
    app/dashboard/rules.py)."""
    return service.dashboard(session, merchant_id, args["days"], clock.now())
