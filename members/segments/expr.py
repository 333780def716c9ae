"""Segment expressions: tag names joined by `and`, `or`, `not` and
parentheses, e.g. `(big_spender and not churned) or new`. Pure, stdlib only.

Precedence, loosest first: or, and, not. A parse error names its reason and
the 0-based character position where it was found:

  empty_expression   nothing but blanks
  bad_character      a character no token starts with
  unexpected_token   a token where another was needed (`and and`, `a b`)
  unexpected_end     the expression stops early (`a and`, `(a`)
  unclosed_paren     a `(` without its `)` (position of the `(`)
  too_long/too_deep  over MAX_LENGTH characters / MAX_DEPTH nested levels

The tree is nested tuples: ("tag", name), ("not", x), ("and", a, b),
("or", a, b).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

MAX_LENGTH = 500
MAX_DEPTH = 40
KEYWORDS = frozenset({"and", "or", "not"})
NAME = r"[a-z][a-z0-9_]{0,31}"
_TOKEN = re.compile(rf"\s*(?:(?P<name>{NAME})(?![a-z0-9_])|(?P<paren>[()]))")


class ExprError(ValueError):
    def __init__(self, reason: str, position: int, token: str = ""):
        super().__init__(f"{reason} at {position}")
        self.reason, self.position, self.token = reason, position, token


def tokenize(text: str) -> list[tuple[str, int]]:
    """[(token, position)]; keywords and names lower-case only."""
    if len(text) > MAX_LENGTH:
        raise ExprError("too_long", MAX_LENGTH)
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            bad = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise ExprError("bad_character", bad, text[bad])
        start = match.start("name") if match["name"] else match.start("paren")
        tokens.append((match["name"] or match["paren"], start))
        pos = match.end()
    if not tokens:
        raise ExprError("empty_expression", 0)
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.end = len(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def where(self) -> int:
        return self.tokens[self.i][1] if self.i < len(self.tokens) else self.end

    def take(self) -> str:
        if self.i >= len(self.tokens):
            raise ExprError("unexpected_end", self.end)
        self.i += 1
        return self.tokens[self.i - 1][0]

    def deeper(self, depth: int) -> None:
        """Take a `(` or `not`, one level deeper; too deep names its position."""
        if depth + 1 > MAX_DEPTH:
            raise ExprError("too_deep", self.where(), self.peek())
        self.take()

    def binary(self, word: str, operand: Callable[[int], tuple], depth: int) -> tuple:
        node = operand(depth)
        while self.peek() == word:
            self.take()
            node = (word, node, operand(depth))
        return node

    def expr(self, depth: int) -> tuple:
        return self.binary("or", lambda d: self.binary("and", self.unary, d), depth)

    def unary(self, depth: int) -> tuple:
        if self.peek() == "not":
            self.deeper(depth)
            return ("not", self.unary(depth + 1))
        return self.atom(depth)

    def atom(self, depth: int) -> tuple:
        pos = self.where()
        if self.peek() == "(":
            self.deeper(depth)
            node = self.expr(depth + 1)
            if self.peek() != ")":
                if self.peek() is None:
                    raise ExprError("unclosed_paren", pos, "(")
                raise ExprError("unexpected_token", self.where(), self.peek())
            self.take()
            return node
        token = self.take()
        if token == ")" or token in KEYWORDS:
            raise ExprError("unexpected_token", pos, token)
        return ("tag", token)


def parse(text: str) -> tuple:
    parser = _Parser(text)
    tree = parser.expr(0)
    if parser.peek() is not None:
        raise ExprError("unexpected_token", parser.where(), parser.peek())
    return tree


def names(tree: tuple) -> set[str]:
    if tree[0] == "tag":
        return {tree[1]}
    return set().union(*(names(child) for child in tree[1:]))


def evaluate(tree: tuple, tagged: Mapping[str, set[int]], everyone: set[int]) -> set[int]:
    """The members the expression picks: `tagged[name]` are the members with
    that tag; `not x` is everyone without x."""
    kind = tree[0]
    if kind == "tag":
        return set(tagged.get(tree[1], set())) & everyone
    if kind == "not":
        return everyone - evaluate(tree[1], tagged, everyone)
    left, right = (evaluate(child, tagged, everyone) for child in tree[1:])
    return left & right if kind == "and" else left | right


def unparse(tree: tuple) -> str:
    """Fully parenthesised text that parses back to the same tree."""
    kind = tree[0]
    if kind == "tag":
        return tree[1]
    if kind == "not":
        return f"not {unparse(tree[1])}"
    return f"({unparse(tree[1])} {kind} {unparse(tree[2])})"
