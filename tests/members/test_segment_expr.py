"""Segment expressions (community/segment_expr.py): precedence, parentheses,
error reasons with positions, and properties over generated expressions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from members.segments import expr as sx

USERS = set(range(1, 11))
TAGGED = {"a": {1, 2, 3, 4}, "b": {3, 4, 5, 6}, "c": {6, 7, 8}}


def pick(text: str) -> set[int]:
    return sx.evaluate(sx.parse(text), TAGGED, USERS)


def test_and_binds_tighter_than_or_and_not_tightest():
    assert sx.parse("a or b and not c") == ("or", ("tag", "a"),
                                           ("and", ("tag", "b"), ("not", ("tag", "c"))))
    assert pick("a or b and not c") == {1, 2, 3, 4, 5}
    assert pick("(a or b) and not c") == {1, 2, 3, 4, 5}
    assert pick("not (a or b)") == {7, 8, 9, 10}


def test_not_is_everyone_without_the_tag():
    assert pick("not a") == USERS - TAGGED["a"]
    assert pick("not not a") == TAGGED["a"]


def test_unknown_names_pick_nobody_in_the_pure_evaluator():
    assert pick("zzz") == set()
    assert pick("not zzz") == USERS


@pytest.mark.parametrize(("text", "reason", "position"), [
    ("", "empty_expression", 0),
    ("   ", "empty_expression", 0),
    ("a and", "unexpected_end", 5),
    ("a and and b", "unexpected_token", 6),
    ("a b", "unexpected_token", 2),
    ("(a or b", "unclosed_paren", 0),
    ("a or b)", "unexpected_token", 6),
    ("()", "unexpected_token", 1),
    ("a & b", "bad_character", 2),
    ("Big", "bad_character", 0),
    ("not", "unexpected_end", 3),
    ("x" * 501, "too_long", 500),
    ("(" * 41 + "a" + ")" * 41, "too_deep", 40),
    ("not " * 41 + "a", "too_deep", 160),
])
def test_bad_expressions_name_the_reason_and_position(text, reason, position):
    with pytest.raises(sx.ExprError) as err:
        sx.parse(text)
    assert (err.value.reason, err.value.position) == (reason, position)


def test_names_lists_every_tag_once():
    assert sx.names(sx.parse("(big and not churned) or new or big")) == {"big", "churned",
                                                                        "new"}


NAMES = st.sampled_from(["a", "b", "c", "d"])
TREES = st.recursive(NAMES.map(lambda n: ("tag", n)), lambda kids: st.one_of(
    kids.map(lambda k: ("not", k)),
    st.tuples(st.sampled_from(["and", "or"]), kids, kids)), max_leaves=12)


@given(TREES)
def test_property_unparse_parses_back_to_the_same_tree(tree):
    assert sx.parse(sx.unparse(tree)) == tree


def _truth(tree, member: int) -> bool:
    kind = tree[0]
    if kind == "tag":
        return member in TAGGED.get(tree[1], set())
    if kind == "not":
        return not _truth(tree[1], member)
    left, right = _truth(tree[1], member), _truth(tree[2], member)
    return (left and right) if kind == "and" else (left or right)


@given(TREES)
def test_property_sets_agree_with_member_by_member_truth(tree):
    assert sx.evaluate(tree, TAGGED, USERS) == {u for u in USERS if _truth(tree, u)}


@given(st.text(max_size=40))
def test_property_any_text_parses_or_fails_with_a_known_reason(text):
    try:
        sx.parse(text)
    except sx.ExprError as exc:
        assert exc.reason in {"empty_expression", "bad_character", "unexpected_token",
                              "unexpected_end", "unclosed_paren", "too_long", "too_deep"}
        assert 0 <= exc.position <= len(text)
