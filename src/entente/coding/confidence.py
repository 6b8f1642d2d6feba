"""Event confidence: the calibrated base per way of coding, and the default threshold
(``data/lexicon/confidence.tsv``)."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Iterable

from entente.records import Event


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    path = resources.files("entente") / "data" / "lexicon" / "confidence.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return {row["key"]: float(row["value"]) for row in csv.DictReader(lines, delimiter="\t")}


def confidence_base(kind: str) -> float:
    """The base confidence of events coded by ``kind`` (rules-verb, dictionary-pattern, ...)."""
    return _table()[kind]


def default_threshold() -> float:
    """Events below this confidence are dropped unless the user asks for another threshold."""
    return _table()["threshold"]


def above(events: Iterable[Event], threshold: float | None = None) -> list[Event]:
    """The events at or above ``threshold`` (default: :func:`default_threshold`)."""
    cut = default_threshold() if threshold is None else threshold
    return [e for e in events if e.confidence >= cut]
