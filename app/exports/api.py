"""Merchant staff: exports of orders, pick lists and a distributor's ledger
(XLSX or CSV), run as a job; poll for progress, then download."""

from flask import g, send_file, url_for

from app import clock
from app.catalog.staff import staff_view
from app.exports import files, jobs, service, writers
from app.exports.schemas import ExportIn, ExportListArgs, ExportOut, ExportPage
from app.schema import Blueprint, page_of

bp = Blueprint("staff_exports", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: exports (XLSX, CSV) made by a job, with progress.")


def _url(export) -> str:
    return url_for("staff_exports.download", merchant_id=export.merchant_id,
                   export_id=export.id)


@bp.post("/exports")
@staff_view
@bp.arguments(ExportIn)
@bp.response(202, ExportOut)
def create(data, merchant_id, session):
    """Queued: the job writes the file; GET the export for its progress."""
    export = service.create(session, merchant_id=merchant_id, staff_id=g.user_id, data=data,
                            now=clock.now())
    jobs.schedule(session, export.id)
    return service.out(export, _url)


@bp.get("/exports")
@staff_view
@bp.arguments(ExportListArgs, location="query")
@bp.response(200, ExportPage)
def list_mine(args, merchant_id, session):
    items, total = service.mine(session, merchant_id=merchant_id, staff_id=g.user_id,
                                page=args["page"], per_page=args["per_page"])
    return page_of([service.out(e, _url) for e in items], total, args)


@bp.get("/exports/<int:export_id>")
@staff_view
@bp.response(200, ExportOut)
def get(merchant_id, export_id, session):
    return service.out(service.get(session, merchant_id=merchant_id, staff_id=g.user_id,
                                   export_id=export_id), _url)


@bp.get("/exports/<int:export_id>/file")
@staff_view
@bp.response(200, description="The file (XLSX or CSV) as an attachment.")
def download(merchant_id, export_id, session):
    export = service.get(session, merchant_id=merchant_id, staff_id=g.user_id,
                         export_id=export_id)
    path = service.ready_file(export, files.folder())
    response = send_file(path, mimetype=writers.FORMATS[export.format], as_attachment=True,
                         download_name=service.download_name(export), max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response
