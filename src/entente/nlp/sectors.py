"""Sector words: titles, organisation words and group nouns (``data/sector_words.tsv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Sequence


@dataclass(frozen=True, eq=False)
class SectorWords:
    """Phrase tables by use: ``{("chief", "of", "army", "staff"): "MIL", ...}``."""

    title: dict[tuple[str, ...], str]
    org: dict[tuple[str, ...], str]
    group: dict[tuple[str, ...], str]

    @cached_property
    def _firsts(self) -> dict[str, frozenset[str]]:
        """The words each table's phrases start with: no phrase starts at any other word."""
        return {use: frozenset(k[0] for k in getattr(self, use) if k) for use in ("title", "org", "group")}

    def longest(self, use: str, words: Sequence[str]) -> tuple[str, int, int] | None:
        """The longest phrase of ``use`` inside ``words``: ``(role, start, end)``."""
        table: dict[tuple[str, ...], str] = getattr(self, use)
        firsts = self._firsts[use]
        lowered = [w.lower().replace("’", "'") for w in words]
        best: tuple[str, int, int] | None = None
        for i in range(len(lowered)):
            if lowered[i] not in firsts:
                continue
            for j in range(min(len(lowered), i + 5), i, -1):
                role = table.get(tuple(lowered[i:j]))
                if role and (best is None or j - i > best[2] - best[1]):
                    best = (role, i, j)
                    break
        return best

    def group_at(self, words: Sequence[str]) -> tuple[str, int] | None:
        """A group noun phrase at the very start of ``words``: ``(role, length)``."""
        lowered = [w.lower() for w in words[:4]]
        if not lowered or lowered[0] not in self._firsts["group"]:
            return None
        for n in range(len(lowered), 0, -1):
            role = self.group.get(tuple(lowered[:n]))
            if role:
                return role, n
        return None


@lru_cache(maxsize=1)
def sector_words() -> SectorWords:
    """The packaged sector-word tables."""
    tables: dict[str, dict[tuple[str, ...], str]] = {"title": {}, "org": {}, "group": {}}
    path = resources.files("entente") / "data" / "sector_words.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            tables[row["use"]][tuple(row["words"].lower().split())] = row["role"]
    return SectorWords(**tables)
