"""Named word sets (``data/coder_words.tsv`` for the coder, ``data/actor_words.tsv`` for the
actor finder), each table loaded once. A word written ``KEY=VALUE`` is the word ``KEY`` in the set
and maps to ``VALUE`` in :func:`word_map` ("USS=USA": a ship prefix and its navy's country)."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from entente.errors import E136_UNKNOWN_WORD_SET, EntenteError


class WordSetError(EntenteError):
    """A word set the coder asks for that the table does not have."""

    code = E136_UNKNOWN_WORD_SET


@lru_cache(maxsize=4)
def _table(table: str) -> dict[str, tuple[tuple[str, str | None], ...]]:
    path = resources.files("entente") / "data" / f"{table}.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        return {row["name"]: tuple(_entry(w.replace("_", " ")) for w in row["words"].split())
                for row in csv.DictReader(lines, delimiter="\t")}


def _entry(word: str) -> tuple[str, str | None]:
    key, sep, value = word.partition("=")
    return (key, value) if sep else (word, None)


def _row(name: str, table: str) -> tuple[tuple[str, str | None], ...]:
    try:
        return _table(table)[name]
    except KeyError:
        raise WordSetError(f"{table}.tsv has no word set {name!r}") from None


def word_set(name: str, table: str = "coder_words") -> frozenset[str]:
    """The set ``name`` of ``data/<table>.tsv``."""
    return frozenset(key for key, _ in _row(name, table))


def word_map(name: str, table: str = "coder_words") -> dict[str, str]:
    """The ``KEY=VALUE`` words of the set ``name`` of ``data/<table>.tsv`` as a mapping."""
    return {key: value for key, value in _row(name, table) if value is not None}
