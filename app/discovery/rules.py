"""Search terms (pure: stdlib only).

Why bigrams and not a segmenter such as jieba: a dictionary segmenter cuts
a title one way ("安溪/铁观音/乌龙") and a query another, and it misses
names it does not know (new brands, tea cultivars); its dictionary is also
tens of megabytes to load in every process. Overlapping character pairs
need no dictionary, behave the same on SQLite and PostgreSQL (plain rows
and `IN`), and find a query anywhere inside a title: "铁观音" is 铁观+观音,
both in "安溪铁观音乌龙"; "龙井" is one pair that "乌龙" does not hold.

- A title's CJK runs give every character (for one-character queries) and
  every overlapping pair; its Latin words (NFKC-folded, lower case) give
  their prefixes of 2 or more characters, so "oolo" finds "Oolong" (a
  one-letter query matches one-letter words only); numbers are whole ("500"
  is not found by "50").
- A query's CJK run of one character is that character, a longer run its
  pairs; a Latin word or number is itself.
- A product matches when it holds at least two thirds of the query's
  distinct terms (rounded up): every term of a one- or two-term query, and
  "安溪乌龙" (安溪, 溪乌, 乌龙) still finds "安溪铁观音乌龙" by two of three.
"""

from __future__ import annotations

import re
import unicodedata

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(f"[{CJK}]+|[a-z]+|[0-9]+")
MAX_TERM = 20  # a Latin prefix longer than this is not indexed
MAX_QUERY_TERMS = 24


def _runs(text: str) -> list[str]:
    return RUNS.findall(unicodedata.normalize("NFKC", text).lower())


def _is_cjk(run: str) -> bool:
    return run[0] >= "\u3400"


def _pairs(run: str) -> list[str]:
    return [run[i:i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> set[str]:
    """Every term a text is found by."""
    terms: set[str] = set()
    for run in _runs(text):
        if _is_cjk(run):
            terms.update(run)
            terms.update(_pairs(run))
        elif run.isdigit():
            terms.add(run[:MAX_TERM])
        else:
            terms.update(run[:n] for n in range(min(2, len(run)), min(len(run), MAX_TERM) + 1))
    return terms


def query_terms(text: str) -> list[str]:
    """The distinct terms of a query, in order, at most MAX_QUERY_TERMS."""
    found: list[str] = []
    for run in _runs(text):
        if _is_cjk(run):
            found.extend(_pairs(run) if len(run) > 1 else [run])
        else:
            found.append(run[:MAX_TERM])
    return list(dict.fromkeys(found))[:MAX_QUERY_TERMS]


def needed(term_count: int) -> int:
    """How many of a query's terms a product must hold: two thirds, rounded up."""
    return -(-2 * term_count // 3)
