"""The vendored divisions, loaded once: `lookup` a code, `district` to
validate a ship-to code, `children` for pickers, `tree` for a whole picker.

A code's parents follow from its digits (GB/T 2260): 330106 is in the city
330100, which is in the province 330000. A ship-to region is a district
(county level), or a city that has no districts below it; a province or a
city with districts is refused, so the names an order keeps always name
the last level.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.regions.errors import RegionNotADistrict, RegionNotFound, UnknownRegion

VERSION = "2.1.0"
SOURCE = f"@vant/area-data@{VERSION}"
PATH = Path(__file__).resolve().parent.parent / "static" / "vendor" / \
    f"vant-area-data-{VERSION}" / "area-data.json"
PROVINCE, CITY, DISTRICT = "province", "city", "district"


@dataclass(frozen=True)
class Region:
    """A ship-to region with the names of every level. `district_code` and
    `district` are "" for a city without districts."""

    code: str
    province_code: str
    province: str
    city_code: str
    city: str
    district_code: str
    district: str


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    leaf: bool


class _Data:
    def __init__(self, raw: bytes):
        data = json.loads(raw)
        self.levels = {PROVINCE: data["province_list"], CITY: data["city_list"],
                       DISTRICT: data["county_list"]}
        self.etag = hashlib.sha256(raw).hexdigest()[:20]
        self.children: dict[str | None, list[str]] = {None: sorted(self.levels[PROVINCE])}
        for code in sorted(self.levels[CITY]):
            self.children.setdefault(_province_of(code), []).append(code)
        for code in sorted(self.levels[DISTRICT]):
            self.children.setdefault(_city_of(code), []).append(code)

    def level_of(self, code: str) -> str | None:
        for level, names in self.levels.items():
            if code in names:
                return level
        return None

    def place(self, code: str) -> Place:
        level = self.level_of(code)
        if level is None:
            raise RegionNotFound(details={"code": code})
        return Place(code, self.levels[level][code], level, not self.children.get(code))


def _province_of(code: str) -> str:
    return code[:2] + "0000"


def _city_of(code: str) -> str:
    return code[:4] + "00"


@cache
def _data() -> _Data:
    return _Data(PATH.read_bytes())


def etag() -> str:
    """Changes when the vendored file does (for the regions endpoint's ETag)."""
    return _data().etag


def lookup(code: str) -> Place:
    """Any level's code -> its name and level; RegionNotFound if unknown."""
    return _data().place(code)


def district(code: str) -> Region:
    """A code an address may name, with every level's name; UnknownRegion
    if the dataset has no such code, RegionNotADistrict for a province or a
    city that has districts."""
    data = _data()
    level = data.level_of(code)
    if level is None:
        raise UnknownRegion(details={"region_code": code})
    if level == PROVINCE or data.children.get(code):
        raise RegionNotADistrict(details={"region_code": code, "level": level})
    cities, provinces = data.levels[CITY], data.levels[PROVINCE]
    city_code = code if level == CITY else _city_of(code)
    province_code = _province_of(code)
    return Region(code=code, province_code=province_code, province=provinces[province_code],
                  city_code=city_code, city=cities[city_code],
                  district_code=code if level == DISTRICT else "",
                  district=data.levels[DISTRICT][code] if level == DISTRICT else "")


def children(code: str | None = None) -> list[Place]:
    """The provinces (no code), a province's cities or a city's districts,
    in code order; [] below a district. RegionNotFound if unknown."""
    data = _data()
    if code is not None:
        data.place(code)
    return [data.place(child) for child in data.children.get(code, [])]


@cache
def tree() -> list[dict]:
    """Every province with its cities and their districts, nested (built
    once; callers must not change it)."""
    data = _data()

    def node(code: str) -> dict:
        place = data.place(code)
        below = data.children.get(code, [])
        out = {"code": code, "name": place.name}
        if below:
            out["children"] = [node(child) for child in below]
        return out

    return [node(code) for code in data.children[None]]
