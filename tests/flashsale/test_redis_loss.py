"""Redis emptied just before a grab: a stable 4xx/503 code, never a 500;
the sale heals from the database and sells exactly its quota, once each."""

from __future__ import annotations

from tests.flashsale.conftest import db_state, grab, grab_token, remaining, users
from tests.payments.conftest import run_jobs


def _code(resp) -> tuple[int, str]:
    return resp.status_code, (resp.json or {}).get("error", {}).get("code")


def test_a_grab_after_a_flush_answers_a_code_then_the_sale_sells_its_quota_once(
        app, client, redis, sale):
    s = sale(quota=3)
    buyers = users(app, 5)
    first_token = grab_token(client, s, buyers[0][1])
    assert grab(client, s, buyers[0][1], first_token).status_code == 201
    token = grab_token(client, s, buyers[1][1])
    redis.flushall()
    refused = grab(client, s, buyers[1][1], token)
    assert _code(refused) == (503, "flashsale_unavailable"), \
        refused.json
    run_jobs(app, "promotions")  # the rebuild the refusal asked for
    assert remaining(app, s) == 2
    codes = []
    for _uid, headers in buyers[1:]:
        resp = grab(client, s, headers, grab_token(client, s, headers))
        codes.append(_code(resp))
    assert codes == [(201, None), (201, None), (409, "sold_out"), (409, "sold_out")]
    assert db_state(s) == {"sold": 3, "quota": 3, "held": 3, "paid": 0,
                                          "returned": 0, "orders": 3}
    assert remaining(app, s) == 0
