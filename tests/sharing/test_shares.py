"""Creating and resolving shares: scene codes short, from the allowed set and
unique; expired shares refused; scans counted exactly under concurrency;
kinds without a registered target refused; nothing written on refusal."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.catalog.models import Product
from app.db import transaction
from app.sharing import rules, service, targets
from app.sharing.models import Share
from tests.conftest import T0, count, iso
from tests.sharing.conftest import create, error, resolve


def test_2000_scenes_are_short_unique_and_from_the_allowed_set(make):
    sharer = make.user("alice")
    with transaction() as s:
        for _ in range(2000):
            service.create_share(s, sharer_id=sharer, kind="invite", channel="qr",
                                 ttl_s=3600, now=clock.now())
    with transaction() as s:
        scenes = list(s.scalars(select(Share.scene)))
    assert len(scenes) == 2000
    assert len(set(scenes)) == 2000
    assert max(map(len, scenes)) == 12
    assert all(set(scene) <= rules.SCENE_ALPHABET for scene in scenes)
    assert {scene[0] for scene in scenes} == {"i"}


def test_a_scene_collision_is_drawn_again_inside_a_savepoint(make):
    sharer = make.user("alice")
    draws = iter(["pAAAAAAAAAAA", "pAAAAAAAAAAA", "pBBBBBBBBBBB"])
    with transaction() as s:
        first, _ = service.create_share(s, sharer_id=sharer, kind="invite", channel="qr",
                                        now=clock.now(), new_scene=lambda _k: next(draws))
        second, _ = service.create_share(s, sharer_id=sharer, kind="invite", channel="moments",
                                         now=clock.now(), new_scene=lambda _k: next(draws))
    assert (first.scene, second.scene) == ("pAAAAAAAAAAA", "pBBBBBBBBBBB")
    assert count(Share) == 2


def test_create_a_product_share(client, make, product, base_url):
    alice = make.user("alice")
    resp = create(client, make.login("alice"), kind="product", target_id=product,
                  channel="wechat_chat")
    assert resp.status_code == 201, resp.json
    scene = resp.json["scene"]
    assert resp.json == {
        "id": resp.json["id"], "scene": scene, "kind": "product", "target_id": product,
        "channel": "wechat_chat", "url": f"{base_url}/s/{scene}",
        "qr_png_url": f"{base_url}/mp/v1/shares/qr.png?scene={scene}",
        "qr_svg_url": f"{base_url}/mp/v1/shares/qr.svg?scene={scene}",
        "poster_url": f"{base_url}/mp/v1/shares/poster.png?scene={scene}",
        "created_at": iso(hours=2), "expires_at": iso(days=30, hours=2)}
    with transaction() as s:
        share = s.scalar(select(Share))
        assert (share.sharer_id, share.scans, share.last_scanned_at) == (alice, 0, None)


def test_resolve_returns_the_full_context_and_counts_the_scan(client, make, product,
                                                              base_url):
    alice = make.user("alice")
    scene = create(client, make.login("alice"), kind="product", target_id=product,
                   channel="moments").json["scene"]
    clock.advance(timedelta(hours=1))
    resp = resolve(client, scene)
    assert resp.status_code == 200, resp.json
    assert resp.json == {
        "id": resp.json["id"], "scene": scene, "kind": "product", "target_id": product,
        "channel": "moments", "url": f"{base_url}/s/{scene}",
        "qr_png_url": f"{base_url}/mp/v1/shares/qr.png?scene={scene}",
        "qr_svg_url": f"{base_url}/mp/v1/shares/qr.svg?scene={scene}",
        "poster_url": f"{base_url}/mp/v1/shares/poster.png?scene={scene}",
        "created_at": iso(hours=2), "expires_at": iso(days=30, hours=2),
        "scans": 1, "last_scanned_at": iso(hours=3),
        "sharer": {"id": alice, "nickname": "alice", "avatar_url": ""},
        "target": {"title": "Green tea", "price_fen": 990, "image_url": "",
                   "path": f"/pages/product/detail?id={product}"}}
    assert resolve(client, scene).json["scans"] == 2


def test_invite_share_has_no_target(client, make, base_url):
    alice = make.user("alice")
    resp = create(client, make.login("alice"), kind="invite", channel="poster")
    assert (resp.status_code, resp.json["target_id"], resp.json["poster_url"]) == (
        201, None, f"{base_url}/mp/v1/shares/poster.png?scene={resp.json['scene']}")
    ctx = resolve(client, resp.json["scene"]).json
    assert ctx["sharer"] == {"id": alice, "nickname": "alice", "avatar_url": ""}
    assert ctx["target"] == {"path": "/pages/index/index"}
    assert ctx["expires_at"] == iso(days=30, hours=2)


def test_expired_share_is_refused_with_share_expired(client, make, product):
    scene = create(client, make.login("alice"), kind="product", target_id=product,
                   channel="qr", ttl_s=600).json["scene"]
    clock.advance(timedelta(seconds=599))
    assert resolve(client, scene).json["scans"] == 1
    clock.advance(timedelta(seconds=1))
    resp = resolve(client, scene)
    assert error(resp) == (410, "share_expired")
    assert resp.json["error"]["details"] == {"expires_at": iso(hours=2, minutes=10)}
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 1


def test_scans_are_counted_exactly_under_concurrency(app, client, make, product):
    scene = create(client, make.login("alice"), kind="product", target_id=product,
                   channel="qr").json["scene"]
    start, answers = threading.Barrier(20), []

    def scan():
        start.wait()
        answers.append(resolve(app.test_client(), scene).status_code)

    threads = [threading.Thread(target=scan) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * 20
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 20
    assert resolve(client, scene).json["scans"] == 21


@pytest.mark.parametrize(("scene", "status", "code"), [
    ("pNoSuchScene", 404, "share_not_found"),
    ("x" * 33, 422, "validation_error"),
    ("bad scene", 422, "validation_error"),
    ("caf\u00e9", 422, "validation_error"),
    ("%00", 422, "validation_error"),
    ("", 422, "validation_error"),
])
def test_unknown_or_malformed_scene(client, scene, status, code):
    resp = resolve(client, scene)
    assert error(resp) == (status, code)


def test_resolve_without_scene_argument(client):
    resp = client.get("/mp/v1/shares/resolve")
    assert error(resp) == (422, "validation_error")
    assert resp.json["error"]["details"]["fields"] == {
        "scene": ["Missing data for required field."]}


REFUSED = [
    pytest.param({"kind": "room", "target_id": 1, "channel": "qr"}, 404,
                 "room_not_found", id="unknown_room"),
    pytest.param({"kind": "invite", "target_id": 1, "channel": "qr"}, 422,
                 "share_target_not_allowed", id="invite_with_target"),
    pytest.param({"kind": "product", "channel": "qr"}, 422, "share_target_required",
                 id="product_without_target"),
    pytest.param({"kind": "product", "target_id": 999_999, "channel": "qr"}, 404,
                 "product_not_found", id="unknown_product"),
    pytest.param({"kind": "product", "target_id": "PRODUCT", "channel": "sms"}, 422,
                 "validation_error", id="unknown_channel"),
    pytest.param({"kind": "product", "target_id": "PRODUCT", "channel": "qr",
                  "ttl_s": 59}, 422, "validation_error", id="ttl_below_a_minute"),
    pytest.param({"kind": "shop", "channel": "qr"}, 422, "validation_error", id="unknown_kind"),
    pytest.param({"kind": "product", "target_id": "PRODUCT", "channel": "qr",
                  "sharer_id": 1}, 422, "validation_error", id="sharer_given"),
]


@pytest.mark.parametrize(("body", "status", "code"), REFUSED)
def test_bad_share_requests_are_refused_and_write_nothing(client, make, product, body,
                                                          status, code):
    body = {k: product if v == "PRODUCT" else v for k, v in body.items()}
    resp = create(client, make.login("alice"), **body)
    assert error(resp) == (status, code)
    assert count(Share) == 0


def test_off_sale_product_cannot_be_shared_or_resolved(client, make, product):
    headers = make.login("alice")
    scene = create(client, headers, kind="product", target_id=product,
                   channel="qr").json["scene"]
    with transaction() as s:
        s.get(Product, product).status = "off_sale"
    assert error(create(client, headers, kind="product", target_id=product,
                        channel="moments")) == (404, "product_not_found")
    assert error(resolve(client, scene)) == (404, "product_not_found")
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 0
    assert count(Share) == 1


def test_creating_a_share_needs_login(client, product):
    resp = client.post("/mp/v1/shares", json={"kind": "product", "target_id": product,
                                              "channel": "qr"})
    assert error(resp) == (401, "unauthorized")


def test_a_registered_kind_can_be_shared_within_its_validity(client, make):
    targets.register("group", lambda _s, group_id: {"title": f"Group {group_id}",
                                                    "path": f"/pages/group?id={group_id}"})
    headers = make.login("alice")
    resp = create(client, headers, kind="group", target_id=7, channel="qr", ttl_s=86_401)
    assert error(resp) == (422, "share_ttl_too_long")
    assert resp.json["error"]["details"] == {"kind": "group", "max_ttl_s": 86_400}
    resp = create(client, headers, kind="group", target_id=7, channel="qr")
    assert (resp.status_code, resp.json["expires_at"]) == (201, iso(days=1, hours=2))
    assert resolve(client, resp.json["scene"]).json["target"] == {
        "title": "Group 7", "path": "/pages/group?id=7"}


def test_registry_is_restored_after_each_test():
    assert set(targets.registered()) == set(rules.KINDS)


def test_a_kind_nobody_registered_cannot_be_shared(client, make):
    targets.unregister("room")
    resp = create(client, make.login("alice"), kind="room", target_id=1, channel="qr")
    assert error(resp) == (422, "share_kind_unavailable")
    assert count(Share) == 0


def test_a_live_room_can_be_shared_and_resolved(client, make):
    from live import rooms

    merchant = make.merchant("merchant")
    with transaction() as s:
        room = rooms.create(s, staff_id=make.user("merchant"), merchant_id=merchant,
                            data={"title": "Tea tasting"}, now=clock.now())
        room_id = room.id
    resp = create(client, make.login("alice"), kind="room", target_id=room_id, channel="qr")
    assert (resp.status_code, resp.json["expires_at"]) == (201, iso(days=7, hours=2))
    assert resolve(client, resp.json["scene"]).json["target"] == {
        "title": "Tea tasting", "image_url": "", "state": "scheduled",
        "path": f"/pages/live/room?id={room_id}"}
    landing = client.get(f"/s/{resp.json['scene']}").get_data(as_text=True)
    assert f'href="/h5/#/live/{room_id}" data-testid="open-in-h5"' in landing


def test_the_same_share_is_handed_out_again_while_fresh(client, make, product):
    headers = make.login("alice")
    body = {"kind": "product", "target_id": product, "channel": "wechat_chat"}
    first = create(client, headers, **body)
    again = create(client, headers, **body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json == first.json
    other_channel = create(client, headers, **{**body, "channel": "moments"})
    shorter = create(client, headers, **body, ttl_s=3600)
    bob = create(client, make.login("bob"), **body)
    assert [r.status_code for r in (other_channel, shorter, bob)] == [201, 201, 201]
    clock.advance(timedelta(days=15, seconds=1))  # less than half its validity left
    later = create(client, headers, **body)
    assert later.status_code == 201
    assert later.json["scene"] != first.json["scene"]
    assert later.json["expires_at"] == (T0 + timedelta(days=45, seconds=1)).isoformat()
    assert count(Share) == 5
