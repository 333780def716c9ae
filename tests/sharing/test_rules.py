"""Property tests of the pure sharing rules: scene codes, validity, reuse."""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sharing import rules

ALLOWED = "".join(sorted(rules.SCENE_ALPHABET))
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
kinds = st.sampled_from(sorted(rules.KINDS))


def test_the_allowed_alphabet_is_wechats():
    wechat = set(string.digits + string.ascii_letters + "!#$&'()*+,/:;=?@-._~")
    assert wechat == rules.SCENE_ALPHABET
    assert len(rules.SCENE_ALPHABET) == 82
    assert rules.SCENE_MAX_LEN == 32


@settings(deadline=None)  # timing is not the property
@given(kinds, st.randoms(use_true_random=False))
def test_new_scenes_are_short_and_from_the_allowed_set(kind, rnd):
    scene = rules.new_scene(kind, rnd.choice)
    assert len(scene) == 12
    assert scene[0] == rules.KINDS[kind]
    assert set(scene[1:]) <= set(string.digits + string.ascii_letters)
    assert rules.is_valid_scene(scene)


def test_new_scenes_use_secrets_and_differ():
    scenes = {rules.new_scene("product") for _ in range(10_000)}
    assert len(scenes) == 10_000


@settings(deadline=None)
@given(st.text(alphabet=ALLOWED, min_size=1, max_size=32))
def test_any_short_scene_from_the_alphabet_is_valid(scene):
    assert rules.is_valid_scene(scene)


@settings(deadline=None)
@given(st.text(alphabet=ALLOWED, min_size=33, max_size=200))
def test_scenes_over_32_characters_are_refused(scene):
    assert not rules.is_valid_scene(scene)


@settings(deadline=None)
@given(st.text(alphabet=ALLOWED, max_size=15), st.characters().filter(
    lambda c: c not in rules.SCENE_ALPHABET), st.text(alphabet=ALLOWED, max_size=15))
def test_a_scene_with_any_other_character_is_refused(head, bad, tail):
    assert not rules.is_valid_scene(head + bad + tail)


def test_empty_and_non_text_scenes_are_refused():
    assert [rules.is_valid_scene(v) for v in ("", None, 5, b"abc", ["a"])] == [False] * 5


def test_default_validity_per_kind():
    assert {k: rules.expiry(k, NOW) - NOW for k in rules.KINDS} == {
        "product": timedelta(days=30), "invite": timedelta(days=30),
        "group": timedelta(hours=24), "bargain": timedelta(hours=24),
        "room": timedelta(days=7), "community": timedelta(days=7)}


@settings(deadline=None)
@given(kinds, st.integers(min_value=-10, max_value=40 * 86400))
def test_a_client_may_shorten_validity_never_extend_it(kind, ttl_s):
    longest = rules.VALIDITY[kind].total_seconds()
    allowed = rules.MIN_TTL_S <= ttl_s <= longest
    assert rules.ttl_allowed(kind, ttl_s) is allowed
    if allowed:
        assert rules.expiry(kind, NOW, ttl_s) == NOW + timedelta(seconds=ttl_s)


@settings(deadline=None)
@given(st.integers(min_value=-10**6, max_value=10**6))
def test_a_share_is_expired_from_its_expiry_instant_on(offset_s):
    expires_at = NOW + timedelta(seconds=offset_s)
    assert rules.is_expired(expires_at, NOW) is (offset_s <= 0)
    assert rules.seconds_left(expires_at, NOW) == max(0, offset_s)


@settings(deadline=None)
@given(kinds, st.integers(min_value=0, max_value=40 * 86400))
def test_reuse_only_default_shares_with_half_their_validity_left(kind, age_s):
    validity = rules.VALIDITY[kind]
    now = NOW + timedelta(seconds=age_s)
    assert rules.reusable(kind, NOW, NOW + validity, now) is (
        timedelta(seconds=age_s) <= validity / 2)
    assert not rules.reusable(kind, NOW, NOW + validity - timedelta(seconds=1), NOW)
