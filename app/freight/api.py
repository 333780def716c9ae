"""Merchant staff: freight templates (list, create, read, replace, delete)."""

from app import clock
from app.catalog.staff import staff_view
from app.freight import templates
from app.freight.schemas import FreightTemplateIn, FreightTemplateOut, FreightTemplatePage
from app.schema import Blueprint, PageArgs, page_of

bp = Blueprint("staff_freight", __name__,
               url_prefix="/api/v1/merchants/<int:merchant_id>/freight-templates",
               description="Merchant staff: freight templates (postage by piece, weight or "
                           "flat, per region group; free-shipping thresholds; regions not "
                           "delivered to).")


@bp.get("")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, FreightTemplatePage)
def list_templates(args, merchant_id, session):
    items, total = templates.list_templates(session, merchant_id, page=args["page"],
                                            per_page=args["per_page"])
    return page_of([templates.describe(t) for t in items], total, args)


@bp.post("")
@staff_view
@bp.arguments(FreightTemplateIn)
@bp.response(201, FreightTemplateOut)
def create(data, merchant_id, session):
    return templates.describe(templates.create(session, merchant_id, data, clock.now()))


@bp.get("/<int:template_id>")
@staff_view
@bp.response(200, FreightTemplateOut)
def get(merchant_id, template_id, session):
    return templates.describe(templates.get_template(session, merchant_id, template_id))


@bp.put("/<int:template_id>")
@staff_view
@bp.arguments(FreightTemplateIn)
@bp.response(200, FreightTemplateOut)
def replace(data, merchant_id, template_id, session):
    """The whole template at once; products naming it are charged by it from
    the next order on (orders already placed keep their postage)."""
    return templates.describe(templates.replace(session, merchant_id, template_id, data,
                                                clock.now()))


@bp.delete("/<int:template_id>")
@staff_view
@bp.response(204)
def delete(merchant_id, template_id, session):
    """Refused (409 `freight_template_in_use`) while a product names it."""
    templates.delete_template(session, merchant_id, template_id)
