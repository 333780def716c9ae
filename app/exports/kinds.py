"""Kinds of export: each names its columns (Chinese and English headings),
who may ask for it, the filters it cannot do without, how many rows it will
have and the rows themselves, read in keyset pages so that memory stays
bounded whatever the size. Features declare their kinds in `feature.py`
(`exports=`); this registry keeps one per name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.exports.labels import LANGS

PAGE = 500  # rows (or orders) read per query


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[tuple[str, str], ...]  # (中文, English) headings
    roles: tuple[str, ...]
    needs: tuple[str, ...]  # filters it cannot do without
    count: Callable[[Session, int, dict], int]
    # rows(read, merchant_id, filters, lang): `read()` opens a short transaction
    rows: Callable[[Callable, int, dict, str], Iterator[tuple]]
    file_stem: tuple[str, str]  # (中文, English)
    # refuses, when asked, filters naming what is not there (the job only writes)
    check: Callable[[Session, int, dict], None] | None = None

    def headings(self, lang: str) -> list[str]:
        return [pair[LANGS.index(lang)] for pair in self.columns]


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _kinds[kind.name] = kind


def get(name: str) -> Kind | None:
    return _kinds.get(name)


def names() -> list[str]:
    return sorted(_kinds)
