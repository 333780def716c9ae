"""Sharing fixtures: the target registry is left as each test found it; a
product on sale and helpers to create and resolve shares over the API."""

from __future__ import annotations

import pytest

from app.sharing import targets


@pytest.fixture(autouse=True)
def _targets_as_found():
    saved = targets.registered()
    yield
    targets.restore(saved)


@pytest.fixture
def base_url(app) -> str:
    return app.extensions["mall.settings"].public_base_url


@pytest.fixture
def product(make) -> int:
    """A product on sale (SKUs at 12.50 and 9.90 yuan); returns its id."""
    from app.catalog.models import Sku
    from app.db import transaction

    sku_ids = make.product(make.merchant("owner"), skus=((1250, 5), (990, 5)),
                           title="Green tea")
    with transaction() as s:
        return s.get(Sku, sku_ids[0]).product_id


def create(client, headers, **body):
    return client.post("/mp/v1/shares", headers=headers, json=body)


def resolve(client, scene: str):
    return client.get("/mp/v1/shares/resolve", query_string={"scene": scene})


def error(resp) -> tuple[int, str]:
    return resp.status_code, resp.json["error"]["code"]
