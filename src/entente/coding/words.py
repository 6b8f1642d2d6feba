"""The coder's named word sets (``data/coder_words.tsv``), loaded once."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from entente.errors import EntenteError


class WordSetError(EntenteError):
    """A word set the coder asks for that the table does not have."""


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    path = resources.files("entente") / "data" / "coder_words.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return {row["name"]: frozenset(w.replace("_", " ") for w in row["words"].split())
                for row in csv.DictReader(lines, delimiter="\t")}


def word_set(name: str) -> frozenset[str]:
    """The set ``name`` of ``data/coder_words.tsv``."""
    try:
        return _table()[name]
    except KeyError:
        raise WordSetError(f"coder_words.tsv has no word set {name!r}") from None
