"""Which region codes freight may name: any province, city or district of
the administrative divisions dataset (app/regions), the one the address book
validates against, so a template's regions and a ship-to code always speak
the same codes."""

from __future__ import annotations

from app.regions import dataset
from app.regions.errors import RegionNotFound


def is_region_code(code: object) -> bool:
    """A province, city or district code the dataset knows."""
    if not isinstance(code, str):
        return False
    try:
        dataset.lookup(code)
    except RegionNotFound:
        return False
    return True
