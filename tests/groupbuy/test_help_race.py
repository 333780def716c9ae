"""Helps raced with real threads through two runtimes at once (two group
committers, as two server processes have): their batches race for the same
rows, and the database's locks keep every cap and the floor exact."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from app.db import transaction
from app.errors import DomainError
from groupbuy import keys
from groupbuy.help_flow import HelpRuntime
from groupbuy.helps import Helper
from groupbuy.models import Bargain, BargainHelp
from tests.groupbuy.conftest import bargain_activity
from tests.groupbuy.test_race import _race


def _runtimes(app):
    """The app's own runtime and a second one, as another process would have."""
    first = app.extensions["groupbuy.helps"]
    return [first, HelpRuntime(app, first.engine)]


def _helping(runtimes, jobs):
    """jobs: (bargain id, Helper) each, half through each runtime; the answers
    as 'ok' or the refusal's code, in order."""
    def one(_client, job):
        i, (bid, helper) = job
        try:
            runtimes[i % 2].help(bargain_id=bid, helper=helper)
            return "ok"
        except DomainError as exc:
            return exc.code
    return _race(app=runtimes[0].app, fn=one, items=list(enumerate(jobs)), workers=24)


def _start(client, buyers, aid, starters):
    return [client.post(f"/mp/v1/bargain-activities/{aid}/bargains",
                        headers=buyers.headers(s)).json["id"] for s in starters]


def test_helpers_racing_twelve_bargains_to_the_floor(app, client, redis, shop, buyers):
    aid = bargain_activity(client, shop, helpers_needed=5, start_price_fen=1000,
                           floor_price_fen=100)
    bids = _start(client, buyers, aid, buyers.make(12, "starter"))
    helpers = buyers.make(12 * 9, "helper")
    jobs = [(bids[k % 12], Helper(uid, ip=f"10.1.{k % 12}.{k}", device_id=f"dev-{uid}"))
            for k, uid in enumerate(helpers)]
    answers = Counter(_helping(_runtimes(app), jobs))
    assert answers == {"ok": 60, "bargain_at_floor": 48}
    with transaction() as s:
        rows = s.execute(select(Bargain.price_fen, Bargain.helps_count, Bargain.cuts)
                         .where(Bargain.id.in_(bids))).all()
        taken = dict(s.execute(select(BargainHelp.bargain_id, func.sum(BargainHelp.cut_fen))
                               .where(BargainHelp.bargain_id.in_(bids))
                               .group_by(BargainHelp.bargain_id)).all())
    assert [(price, n) for price, n, _ in rows] == [(100, 5)] * 12
    assert sorted(taken.values()) == [900] * 12
    assert all(sum(int(c) for c in cuts.split(",")) == 900 for _, _, cuts in rows)
    assert [redis.llen(keys.bargain(b)[1]) for b in bids] == [0] * 12


def test_one_helper_racing_many_bargains_gets_exactly_the_daily_cap(app, client, shop,
                                                                    buyers):
    aid = bargain_activity(client, shop, help_limit=50, daily_help_limit=3)
    bids = _start(client, buyers, aid, buyers.make(30, "starter"))
    (helper,) = buyers.make(1, "helper")
    jobs = [(bid, Helper(helper, ip="10.2.0.1", device_id="one-phone")) for bid in bids]
    answers = Counter(_helping(_runtimes(app), jobs))
    assert answers == {"ok": 3, "daily_help_limit_reached": 27}
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(BargainHelp)
                        .where(BargainHelp.helper_id == helper)) == 3
        assert s.scalar(select(func.sum(Bargain.helps_count))
                        .where(Bargain.id.in_(bids))) == 3


def test_a_sharers_daily_cap_holds_under_a_race(app, client, shop, buyers):
    aid = bargain_activity(client, shop, helpers_needed=20, sharer_daily_help_limit=4)
    (bid,) = _start(client, buyers, aid, buyers.make(1, "sharer"))
    helpers = buyers.make(40, "helper")
    jobs = [(bid, Helper(uid, ip=f"10.3.0.{k}", device_id=f"dev-{uid}"))
            for k, uid in enumerate(helpers)]
    answers = Counter(_helping(_runtimes(app), jobs))
    assert answers == {"ok": 4, "sharer_daily_help_limit_reached": 36}
    with transaction() as s:
        assert s.get(Bargain, bid).helps_count == 4
        assert s.scalar(select(func.count()).select_from(BargainHelp)
                        .where(BargainHelp.bargain_id == bid)) == 4


def test_helps_of_one_batch_count_against_each_other_in_order(app, client, shop, buyers):
    """One batch (help_many directly): the same device helping twice, the
    same helper twice, then a fourth helper past the sharer's cap of 3."""
    from app import clock
    from groupbuy.helps import help_many
    aid = bargain_activity(client, shop, sharer_daily_help_limit=3, help_limit=5,
                           daily_help_limit=5, min_account_age_s=0, risk_threshold=50,
                           risky_cut_bps=5_000)
    (bid,) = _start(client, buyers, aid, buyers.make(1, "sharer"))
    a, b, c, d = buyers.make(4, "helper")
    rt = app.extensions["groupbuy.helps"]
    with app.app_context(), transaction() as s:
        out = help_many(s, rt.engine, [
            (bid, Helper(a, ip="10.4.0.1", device_id="phone")),
            (bid, Helper(a, ip="10.4.0.1", device_id="phone")),
            (bid, Helper(b, ip="10.4.0.2", device_id="phone")),
            (bid, Helper(c, ip="10.4.0.3", device_id="other")),
            (bid, Helper(c, ip="10.4.0.3", device_id="other")),
            (bid, Helper(d, ip="10.4.0.4", device_id="fourth"))], clock.now())
    first, again, shared, third, repeat, fourth = out
    assert (first.reduced, first.risk.reasons) == (False, ())
    assert again.code == "already_helped"
    assert (shared.reduced, shared.risk.reasons) == (True, ("device_repeat", "device_shared"))
    assert shared.cut_fen < shared.price_fen and shared.price_fen == first.price_fen - \
        shared.cut_fen
    assert (third.reduced, third.price_fen) == (False, shared.price_fen - third.cut_fen)
    assert repeat.code == "already_helped"
    assert (fourth.code, fourth.details) == ("sharer_daily_help_limit_reached", {"limit": 3})
    with transaction() as s:
        assert (s.get(Bargain, bid).price_fen, s.get(Bargain, bid).helps_count) == (
            third.price_fen, 3)
