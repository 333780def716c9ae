"""China's regions from the vendored @vant/area-data: lookups, ship-to
validation (a district, never a province or a city with districts), picker
levels, and the cacheable /mp/v1/regions endpoint."""

from __future__ import annotations

import json

import pytest

from app.regions import dataset
from app.regions.errors import RegionNotADistrict, RegionNotFound, UnknownRegion


def test_the_dataset_is_the_vendored_package_with_every_level():
    raw = json.loads(dataset.PATH.read_text(encoding="utf-8"))
    assert raw["source"] == dataset.SOURCE == "@vant/area-data@2.1.0"
    assert (len(raw["province_list"]), len(raw["city_list"]), len(raw["county_list"])) == \
        (34, 369, 3479)
    assert (dataset.PATH.parent / "LICENSE").read_text().startswith("MIT License")


def test_a_district_names_its_city_and_province():
    assert dataset.district("330106") == dataset.Region(
        code="330106", province_code="330000", province="浙江省", city_code="330100",
        city="杭州市", district_code="330106", district="西湖区")
    assert dataset.district("110105") == dataset.Region(
        code="110105", province_code="110000", province="北京市", city_code="110100",
        city="北京市", district_code="110105", district="朝阳区")


@pytest.mark.parametrize(("code", "error", "details"), [
    ("999999", UnknownRegion, {"region_code": "999999"}),
    ("330199", UnknownRegion, {"region_code": "330199"}),
    ("330000", RegionNotADistrict, {"region_code": "330000", "level": "province"}),
    ("330100", RegionNotADistrict, {"region_code": "330100", "level": "city"}),
    ("441900", RegionNotADistrict, {"region_code": "441900", "level": "city"}),
])
def test_only_a_district_is_a_ship_to_region(code, error, details):
    with pytest.raises(error) as caught:
        dataset.district(code)
    assert caught.value.details == details


def test_picker_levels_in_code_order():
    provinces = dataset.children()
    assert (len(provinces), provinces[0]) == (34, dataset.Place("110000", "北京市", "province",
                                                                False))
    cities = dataset.children("330000")
    assert [c.code for c in cities][:3] == ["330100", "330200", "330300"]
    assert (len(cities), cities[0].name, cities[0].level) == (11, "杭州市", "city")
    districts = dataset.children("330100")
    assert districts[:2] == [dataset.Place("330102", "上城区", "district", True),
                             dataset.Place("330105", "拱墅区", "district", True)]
    assert dataset.children("330106") == []
    with pytest.raises(RegionNotFound):
        dataset.children("999999")


def test_the_regions_endpoint_lists_a_level_and_is_cacheable(client):
    resp = client.get("/mp/v1/regions")
    assert resp.status_code == 200
    assert (resp.json["source"], resp.json["parent"], len(resp.json["items"])) == \
        ("@vant/area-data@2.1.0", None, 34)
    etag = resp.headers["ETag"]
    assert resp.headers["Cache-Control"] == "public, max-age=86400"
    assert etag == f'"{dataset.etag()}"'
    resp = client.get("/mp/v1/regions?parent=330100")
    assert resp.json["parent"] == {"code": "330100", "name": "杭州市", "level": "city",
                                   "leaf": False}
    assert resp.json["items"][0] == {"code": "330102", "name": "上城区", "level": "district",
                                     "leaf": True}
    again = client.get("/mp/v1/regions?parent=330100", headers={"If-None-Match": etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", etag)


def test_an_unknown_or_malformed_parent_is_refused(client):
    resp = client.get("/mp/v1/regions?parent=999999")
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "region_not_found")
    resp = client.get("/mp/v1/regions?parent=33010")
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
    assert list(resp.json["error"]["details"]["fields"]) == ["parent"]


def test_the_whole_tree(client):
    resp = client.get("/mp/v1/regions/tree")
    assert resp.status_code == 200
    items = resp.json["items"]
    assert len(items) == 34
    zhejiang = next(p for p in items if p["code"] == "330000")
    hangzhou = zhejiang["children"][0]
    assert (hangzhou["code"], hangzhou["name"]) == ("330100", "杭州市")
    assert {"code": "330106", "name": "西湖区"} in hangzhou["children"]
    districts = sum(len(c.get("children", [])) for p in items for c in p["children"])
    assert districts == 3479


def test_the_pages_get_the_same_file_the_server_reads(client):
    """The buyer pages' Vant Area picker loads the vendored file as is."""
    resp = client.get("/static/vendor/vant-area-data-2.1.0/area-data.json")
    assert resp.status_code == 200
    assert resp.data == dataset.PATH.read_bytes()
    resp.close()
