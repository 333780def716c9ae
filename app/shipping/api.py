"""Shipping views: a package out of an order, batch shipping from a sheet
and its template (merchant staff), and the carrier list (anyone)."""

from flask import Response, g

from app import clock
from app.catalog.staff import staff_view
from app.orders.schemas import StaffOrderOut
from app.schema import Blueprint
from app.shipping import batch, carriers, service, template
from app.shipping.schemas import BatchFileIn, BatchOut, CarrierOut, ShipIn, TemplateArgs

BINARY = {"type": "string", "format": "binary"}

bp = Blueprint("staff_shipping", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: packages, split and batch shipping.")
carriers_bp = Blueprint("carriers", __name__, url_prefix="/api/v1",
                        description="The carriers packages go out with.")


@bp.post("/orders/<int:order_id>/ship")
@staff_view
@bp.arguments(ShipIn)
@bp.response(200, StaffOrderOut)
def ship(data, merchant_id, order_id, session):
    """One package: the lines given, or every unit still to ship.

    The order is `partially_shipped` while units are left to ship, `shipped`
    once none is (its 10-day auto-receive timer starts then). Units refunds
    hold are not shipped. Two staff shipping the same units at once: one
    wins, the other gets 409 `illegal_transition` or 422 `exceeds_shippable`.
    """
    lines = [(ln["line_id"], ln["quantity"]) for ln in data["lines"]] \
        if "lines" in data else None
    _, order = service.ship(session, merchant_id=merchant_id, order_id=order_id,
                            carrier=data["carrier"], tracking_no=data["tracking_no"],
                            lines=lines, staff_id=g.user_id, now=clock.now())
    service.start_timers(session, order)
    return order


@bp.post("/shipments/batch")
@staff_view
@bp.arguments(BatchFileIn, location="files")
@bp.response(200, BatchOut)
def ship_batch(files, merchant_id, session):
    """Every row of the sheet answered: ok (its package and the order's
    status) or its error. Each row ships in a savepoint of its own: a bad
    row never blocks a good one. The whole file is refused (nothing shipped)
    when it is not CSV or XLSX, too large, unreadable, lacks a column, or
    has no rows or too many."""
    upload = files["file"]
    rows = batch.read(upload.filename or "", upload.read(batch.MAX_BYTES + 1))
    return batch.run(session, merchant_id=merchant_id, staff_id=g.user_id, rows=rows,
                     now=clock.now())


@bp.get("/shipments/batch/template")
@staff_view
@bp.arguments(TemplateArgs, location="query")
@bp.response(200, BINARY, content_type=template.XLSX_TYPE,
             description="The sheet (XLSX, or CSV with `format=csv`).")
@bp.alt_response(200, schema=BINARY, content_type=template.CSV_TYPE, success=True)
def batch_template(args, merchant_id, session):
    """The upload's sheet, one row per order still to ship (carrier and number blank)."""
    order_ids = template.orders_to_ship(session, merchant_id)
    if args["format"] == "csv":
        body, mimetype, name = template.as_csv(order_ids), template.CSV_TYPE, "shipments.csv"
    else:
        body, mimetype, name = template.as_xlsx(order_ids), template.XLSX_TYPE, "shipments.xlsx"
    return Response(body, content_type=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@carriers_bp.get("/carriers")
@carriers_bp.response(200, CarrierOut(many=True))
def list_carriers():
    """Every carrier a package can name, for pickers and sheets."""
    return list(carriers.CARRIERS)
