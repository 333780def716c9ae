"""Claims and grants: atomic against the total and the per-user limit when
many race, idempotent grants, and the refusals with their codes."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.coupons import claims
from app.coupons.errors import Exhausted, LimitReached, NotClaimable
from app.coupons.models import UserCoupon
from app.db import transaction
from tests.conftest import T0
from tests.coupons.conftest import claim, claimed, code, counts, users


def held_per_user(coupon_id: int) -> dict[int, int]:
    with transaction() as s:
        return dict(s.execute(select(UserCoupon.user_id, func.count())
                              .where(UserCoupon.coupon_id == coupon_id)
                              .group_by(UserCoupon.user_id)).all())


def test_300_users_claim_a_coupon_of_50_limit_1_at_once_exactly_50_nobody_twice(app, coupon):
    """600 claims race (every user twice): exactly 50 succeed, by 50
    different users; the rest are coupon_exhausted or coupon_limit_reached."""
    c = coupon(total=50, per_user_limit=1)
    crowd = users(app, 300)

    def one(attempt):
        _uid, headers = attempt
        resp = claim(app.test_client(), headers, c)
        return resp.status_code, resp.json.get("error", {}).get("code")

    with ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(one, crowd * 2))
    assert Counter(status for status, _ in answers)[201] == 50
    assert {c for status, c in answers if status != 201} <= {"coupon_exhausted",
                                                            "coupon_limit_reached"}
    assert not [a for a in answers if a[0] >= 500]
    per_user = held_per_user(c)
    assert len(per_user) == 50 and set(per_user.values()) == {1}
    assert counts(c) == (50, 0)


def test_one_user_racing_claims_never_holds_more_than_the_per_user_limit(app, coupon):
    c = coupon(total=100, per_user_limit=2)
    ((uid, headers),) = users(app, 1)
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda _: claim(app.test_client(), headers, c).status_code,
                                range(12)))
    assert answers.count(201) == 2
    assert held_per_user(c) == {uid: 2}
    assert counts(c) == (2, 0)


def test_a_grant_is_idempotent_by_key_also_when_retries_race(app, coupon):
    c = coupon(total=5, per_user_limit=3)
    ((uid, _),) = users(app, 1)

    def grant(_):
        with app.extensions["mall.db"].transaction() as s:
            return claims.grant(s, coupon_id=c, user_id=uid, now=clock.now(),
                                source="segment", key="seg-7-user").id

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(grant, range(8)))
    assert len(ids) == 1
    assert counts(c) == (1, 0)
    with transaction() as s:
        assert s.get(UserCoupon, ids.pop()).source == "segment"


def test_grant_counts_against_the_total_and_the_per_user_limit(app, coupon):
    c = coupon(total=2, per_user_limit=1)
    (a, _), (b, _), (d, _) = users(app, 3)
    with transaction() as s:
        claims.grant(s, coupon_id=c, user_id=a, now=clock.now(), source="segment", key="k-a")
    with pytest.raises(LimitReached), transaction() as s:
        claims.grant(s, coupon_id=c, user_id=a, now=clock.now(), source="segment", key="k-a2")
    with transaction() as s:
        claims.grant(s, coupon_id=c, user_id=b, now=clock.now(), source="segment", key=None)
    with pytest.raises(Exhausted), transaction() as s:
        claims.grant(s, coupon_id=c, user_id=d, now=clock.now(), source="segment", key="k-d")
    assert counts(c) == (2, 0)


def test_claims_are_refused_for_drafts_stopped_coupons_and_ended_windows(app, client, coupon,
                                                                         shop):
    ((_, alice),) = users(app, 1)
    draft = coupon(activate=False)
    assert (claim(client, alice, draft).status_code, code(claim(client, alice, draft))) == (
        409, "coupon_not_claimable")
    stopped = coupon()
    assert client.post(f"{shop.url}/{stopped}/stop", headers=shop.staff).status_code == 200
    assert code(claim(client, alice, stopped)) == "coupon_not_claimable"
    ended = coupon()
    clock.advance(timedelta(days=7))  # past valid_until
    assert code(claim(client, alice, ended)) == "coupon_not_claimable"
    assert code(claim(client, alice, 999_999)) == "coupon_not_found"
    with pytest.raises(NotClaimable), transaction() as s:
        claims.grant(s, coupon_id=draft, user_id=1, now=clock.now(), source="grant", key=None)


def test_a_coupon_not_public_is_granted_but_never_claimed(app, client, coupon):
    c = coupon(public=False)
    ((uid, alice),) = users(app, 1)
    assert code(claim(client, alice, c)) == "coupon_not_found"
    with transaction() as s:
        claims.grant(s, coupon_id=c, user_id=uid, now=clock.now(), source="grant", key="g1")
    assert counts(c) == (1, 0)


def test_validity_of_days_after_claiming_is_fixed_at_the_claim(app, client, coupon):
    c = coupon(valid_days=3)
    ((_, alice),) = users(app, 1)
    clock.advance(timedelta(hours=5))
    resp = claim(client, alice, c)
    assert (resp.json["valid_from"], resp.json["valid_until"]) == (
        (T0 + timedelta(hours=5)).isoformat(), (T0 + timedelta(days=3, hours=5)).isoformat())
    assert resp.json["status"] == "unused" and resp.json["source"] == "claim"


def test_my_coupons_by_status_including_expired(app, client, coupon):
    ((_, alice),) = users(app, 1)
    short = claimed(client, alice, coupon(valid_days=1))
    long = claimed(client, alice, coupon(valid_days=10))
    clock.advance(timedelta(days=2))

    def ids(status):
        resp = client.get(f"/mp/v1/me/coupons?status={status}", headers=alice)
        assert resp.status_code == 200, resp.json
        return [(h["id"], h["status"]) for h in resp.json["items"]]

    assert ids("unused") == [(long, "unused")]
    assert ids("expired") == [(short, "expired")]
    assert ids("used") == []
