"""Finding products: search (Chinese too), categories, favourites and
browsing history (recorded by GET /mp/v1/products/{id} with a token)."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.catalog.schemas import ProductPage
from app.db import transaction
from app.discovery import categories, favourites, history, search
from app.discovery.schemas import (
    CategoryArgs,
    CategoryOut,
    FavouriteIn,
    FavouritePage,
    FavouriteState,
    HistoryPage,
    SearchArgs,
)
from app.schema import Blueprint, PageArgs, page_of

bp = Blueprint("mp_discovery", __name__, url_prefix="/mp/v1",
               description="Search, categories, favourites and browsing history.")


@bp.get("/search")
@bp.arguments(SearchArgs, location="query")
@bp.response(200, ProductPage)
def search_products(args):
    """Products on sale whose titles hold the query's words: more of them
    first, then newest (app/discovery/rules.py)."""
    with transaction() as session:
        items, total = search.search(session, q=args["q"], page=args["page"],
                                     per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get("/categories")
@bp.response(200, CategoryOut(many=True))
def list_categories():
    """Categories with products on sale: most products first, then by name."""
    with transaction() as session:
        return categories.listing(session)


@bp.get("/categories/products")
@bp.arguments(CategoryArgs, location="query")
@bp.response(200, ProductPage)
def category_products(args):
    """A category's products on sale, newest first (none for an unknown name)."""
    with transaction() as session:
        items, total = categories.products(session, name=args["name"], page=args["page"],
                                           per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get("/favourites")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, FavouritePage)
def list_favourites(args):
    """Newest first; a product gone off sale stays (see its `status`)."""
    with transaction() as session:
        items, total = favourites.listing(session, user_id=g.user_id, page=args["page"],
                                          per_page=args["per_page"])
    return page_of(items, total, args)


@bp.post("/favourites")
@login_required
@bp.arguments(FavouriteIn)
@bp.response(201, FavouriteState)
@bp.alt_response(200, schema=FavouriteState, description="It was a favourite already.")
def add_favourite(data):
    with transaction() as session:
        added = favourites.add(session, user_id=g.user_id, product_id=data["product_id"],
                               now=clock.now())
    return {"product_id": data["product_id"], "favourite": True}, 201 if added else 200


@bp.get("/favourites/<int:product_id>")
@login_required
@bp.response(200, FavouriteState)
def favourite_state(product_id):
    with transaction() as session:
        found = favourites.state(session, user_id=g.user_id, product_id=product_id)
    return {"product_id": product_id, "favourite": found}


@bp.delete("/favourites/<int:product_id>")
@login_required
@bp.response(204)
def remove_favourite(product_id):
    """Idempotent: removing one that is not a favourite is fine too."""
    with transaction() as session:
        favourites.remove(session, user_id=g.user_id, product_id=product_id)


@bp.get("/history")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, HistoryPage)
def list_history(args):
    """Products I viewed, latest view first (the newest 100 are kept)."""
    with transaction() as session:
        items, total = history.listing(session, user_id=g.user_id, page=args["page"],
                                       per_page=args["per_page"])
    return page_of(items, total, args)


@bp.delete("/history")
@login_required
@bp.response(204)
def clear_history():
    with transaction() as session:
        history.clear(session, user_id=g.user_id)
