"""Named word sets (``data/coder_words.tsv`` for the coder, ``data/actor_words.tsv`` for the
actor finder), each table loaded once."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from entente.errors import EntenteError


class WordSetError(EntenteError):
    """A word set the coder asks for that the table does not have."""


@lru_cache(maxsize=4)
def _table(table: str) -> dict[str, frozenset[str]]:
    path = resources.files("entente") / "data" / f"{table}.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return {row["name"]: frozenset(w.replace("_", " ") for w in row["words"].split())
                for row in csv.DictReader(lines, delimiter="\t")}


def word_set(name: str, table: str = "coder_words") -> frozenset[str]:
    """The set ``name`` of ``data/<table>.tsv``."""
    try:
        return _table(table)[name]
    except KeyError:
        raise WordSetError(f"{table}.tsv has no word set {name!r}") from None
