"""Pure shipping rules: what is left to ship per line, what a package may
carry, and where the order stands after it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.shipping import rules
from app.shipping.rules import LineUnits


def units(*lines: tuple[int, int, int]) -> dict[int, LineUnits]:
    return {i: LineUnits(i, *line) for i, line in enumerate(lines, start=1)}


def test_shippable_is_ordered_less_refunded_less_shipped_never_below_zero():
    assert [u.shippable for u in units((5, 1, 2), (3, 3, 0), (2, 1, 2)).values()] == [2, 0, 0]


def test_no_lines_asked_is_everything_left():
    assert rules.package_lines(units((3, 0, 1), (2, 2, 0), (1, 0, 0)), None) == {1: 2, 3: 1}


def test_lines_named_twice_add_up_and_each_line_over_is_named():
    with pytest.raises(rules.TooMany) as exc:
        rules.package_lines(units((3, 0, 0), (2, 0, 0)), [(1, 2), (2, 3), (1, 2)])
    assert exc.value.lines == [{"line_id": 1, "asked": 4, "shippable": 3},
                               {"line_id": 2, "asked": 3, "shippable": 2}]


def test_unknown_lines_and_nothing_left():
    with pytest.raises(rules.UnknownLines) as exc:
        rules.package_lines(units((1, 0, 0)), [(9, 1)])
    assert exc.value.line_ids == [9]
    with pytest.raises(rules.NothingLeft):
        rules.package_lines(units((2, 1, 1)), None)


def test_status_after_a_package():
    left = units((3, 0, 0), (1, 0, 0))
    assert rules.status_after(left, {1: 3}) == "partially_shipped"
    assert rules.status_after(left, {1: 3, 2: 1}) == "shipped"
    assert rules.status_after(units((3, 1, 0)), {1: 2}) == "shipped"


lines_st = st.lists(st.tuples(st.integers(1, 20), st.integers(0, 20), st.integers(0, 20)),
                    min_size=1, max_size=5)


@given(lines_st, st.lists(st.tuples(st.integers(1, 5), st.integers(1, 20)), max_size=6))
def test_a_package_never_carries_more_than_is_left(lines, asked):
    left = units(*lines)
    try:
        package = rules.package_lines(left, asked or None)
    except (rules.TooMany, rules.UnknownLines, rules.NothingLeft):
        return
    assert all(0 < q <= left[i].shippable for i, q in package.items())
    shipped = {i: LineUnits(i, u.ordered, u.refunded, u.shipped + package.get(i, 0))
               for i, u in left.items()}
    assert (rules.status_after(left, package) == "shipped") == rules.all_shipped(shipped)
