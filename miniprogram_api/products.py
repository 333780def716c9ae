"""The public catalogue: products on sale."""


from app.catalog import service
from app.catalog.schemas import ProductOut, ProductPage
from app.db import transaction
from app.schema import Blueprint, PageArgs, page_of

bp = Blueprint("mp_products", __name__, url_prefix="/mp/v1",
               description="Products on sale, with SKUs, prices and stock.")


@bp.get("/products")
@bp.arguments(PageArgs, location="query")
@bp.response(200, ProductPage)
def list_products(args):
    with transaction() as session:
        items, total = service.list_products(session, on_sale_only=True, **args)
    return page_of(items, total, args)


@bp.get("/products/<int:product_id>")
@bp.response(200, ProductOut)
def get_product(product_id):
    with transaction() as session:
        return service.public_product(session, product_id)
