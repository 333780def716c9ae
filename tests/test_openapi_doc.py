"""The OpenAPI document against the server: 405 answers carry `Allow` as each
path's description says; every error code has one status; every operation
that names its own errors exists; documented patterns are the server's rules."""

from __future__ import annotations

import re

import pytest

from app.apidoc.codes import conflicting_statuses
from app.apidoc.operation_errors import OPERATION_ERRORS
from app.apidoc.spec import allowed_methods
from app.sharing import rules as share_rules
from app.sharing.schemas import SCENE_PATTERN

PATH_PARAM = re.compile(r"{[^}]+}")


@pytest.fixture(scope="module")
def doc(app):
    return app.test_client().get("/openapi.json").json


def test_a_405_names_the_allowed_methods_in_allow(client):
    resp = client.delete("/mp/v1/orders")
    assert resp.status_code == 405
    assert resp.json["error"]["code"] == "method_not_allowed"
    assert set(resp.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS",
                                                                      "POST"}


def test_every_path_answers_an_unlisted_method_with_the_allow_it_documents(client, doc):
    for path, item in doc["paths"].items():
        url = PATH_PARAM.sub("1", path)
        resp = client.open(url, method="TRACE")
        assert resp.status_code == 405, (path, resp.status_code)
        allow = sorted(m.strip() for m in resp.headers["Allow"].split(","))
        assert allow == allowed_methods(item), path
        assert f"`Allow: {', '.join(allow)}`" in item["description"], path


def test_every_operation_with_its_own_errors_is_in_the_document(doc):
    operations = {f"{method.upper()} {path}" for path, item in doc["paths"].items()
                  for method in item if method != "description" and method != "parameters"}
    assert set(OPERATION_ERRORS) <= operations, set(OPERATION_ERRORS) - operations


def test_every_documented_error_has_the_error_shape(doc):
    assert doc["components"]["schemas"]["Error"]["required"] == ["error"]
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            assert "default" not in op["responses"], (method, path)
            for status, response in op["responses"].items():
                if int(status) >= 400:
                    schema = response["content"]["application/json"]["schema"]
                    assert schema["allOf"][0] == {"$ref": "#/components/schemas/Error"}


def test_operations_with_a_bearer_token_document_401(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("security"):
                assert "401" in op["responses"], (method, path)


def test_no_error_code_has_two_statuses(app):
    assert conflicting_statuses() == {}


def test_the_documented_scene_pattern_is_the_scene_rule():
    candidates = [chr(c) for c in range(32, 127)] + ["é", "\n", ""]
    candidates += ["a" * 32, "a" * 33, "p0Ab~-._", "a b"]
    for scene in candidates:
        assert bool(re.match(SCENE_PATTERN, scene)) == share_rules.is_valid_scene(scene), scene
