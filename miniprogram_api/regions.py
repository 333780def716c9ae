"""China's regions for address pickers: one level at a time, or the whole
tree. Public and cacheable: the answers change only with the vendored
dataset, so they carry its ETag (a matching If-None-Match gets 304) and may
be kept for a day (a request with credentials is answered no-store, as
every credentialed JSON answer is)."""

from flask import Response, request

from app.regions import dataset
from app.regions.schemas import RegionArgs, RegionsOut, TreeOut
from app.schema import Blueprint

CACHE_CONTROL = "public, max-age=86400"

bp = Blueprint("mp_regions", __name__, url_prefix="/mp/v1",
               description="China's provinces, cities and districts (GB/T 2260 codes).")


def _cached(payload):
    tag = dataset.etag()
    headers = {"ETag": f'"{tag}"', "Cache-Control": CACHE_CONTROL}
    if request.if_none_match.contains(tag):
        return Response(status=304, headers=headers)
    return payload, headers


@bp.get("/regions")
@bp.arguments(RegionArgs, location="query")
@bp.response(200, RegionsOut)
@bp.alt_response(304, description="Not modified: the ETag sent in If-None-Match still holds.")
def regions(args):
    """The provinces, or the cities of `parent` (a province) or the districts
    of `parent` (a city); an address names a `leaf`."""
    parent = args.get("parent")
    place = dataset.lookup(parent) if parent else None
    return _cached({"source": dataset.SOURCE, "parent": place,
                    "items": dataset.children(parent)})


@bp.get("/regions/tree")
@bp.response(200, TreeOut)
@bp.alt_response(304, description="Not modified: the ETag sent in If-None-Match still holds.")
def tree():
    """Every province with its cities and their districts."""
    return _cached({"source": dataset.SOURCE, "items": dataset.tree()})
