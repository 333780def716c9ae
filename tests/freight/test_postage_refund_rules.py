"""Property tests of the refund rules with postage (app/payments/rules.py):
whatever the steps, refunding every unit gives back exactly what the order
paid, and postage goes back only with the last units."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.money import split_proportional
from app.payments import rules


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10_000), st.integers(1, 20)), min_size=1, max_size=4),
       st.integers(0, 5000), st.integers(0, 50_000), st.data())
def test_refunding_every_unit_in_steps_gives_back_the_total(lines, postage, discount, data):
    goods = sum(unit * qty for unit, qty in lines)
    total = max(1, goods + postage - discount)
    postage_paid = rules.postage_paid(total, postage)
    shares = split_proportional(total - postage_paid, [unit * qty for unit, qty in lines])
    done = [0] * len(lines)
    given_back = postage_given = 0
    while any(d < qty for d, (_, qty) in zip(done, lines, strict=True)):
        i = data.draw(st.sampled_from([i for i, (_, q) in enumerate(lines) if done[i] < q]))
        units = data.draw(st.integers(1, lines[i][1] - done[i]))
        given_back += rules.unit_refund_fen(shares[i], lines[i][1], done[i], units)
        done[i] += units
        left = sum(q for _, q in lines) - sum(done)
        carried = rules.postage_refund(postage_paid, postage_given, left)
        assert carried == (postage_paid - postage_given if left == 0 else 0)
        postage_given += carried
        given_back += carried
    assert given_back == total
    assert postage_given == postage_paid == min(postage, total)


def test_postage_paid_is_what_discounts_left_of_it():
    assert rules.postage_paid(5100, 1400) == 1400
    assert rules.postage_paid(300, 800) == 300  # a coupon took the goods and part of postage
    assert rules.postage_paid(1, 0) == 0
