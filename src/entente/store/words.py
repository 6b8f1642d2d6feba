"""The store's word index: whole-word search without reading every text.

DuckDB's full-text extension is downloaded at run time, which entente never does, so the store keeps
its own inverted index: ``document_terms`` (every distinct word of a document's title and text) and
``event_terms`` (every distinct word of an event's evidence sentences). A word is a run of letters,
digits or underscores, lower-cased, in any script. Writers index the documents they add in the same
transaction (:func:`index_new`); :func:`index_missing` fills rows written another way (older stores,
rows written by hand).

A search word is one or more index words ("aid" is one; "U.S." and "al-Shabaab" are two); a row must
hold all of them, and a search word of more than one index word is then checked whole against the
text, so "U.S." finds "U.S." and not a text with "u" and "s" apart.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

# RE2 (DuckDB) and Python spellings of one index word.
_SQL_WORD = r"[\pL\pN_]+"
_PY_WORD = re.compile(r"[^\W]+")


def index_words(text: str) -> list[str]:
    """The index words of ``text`` as the store splits it ("U.S.-backed" -> ["u", "s", "backed"])."""
    return _PY_WORD.findall(text.lower())


def _documents_sql(which: str) -> str:
    return ("INSERT INTO document_terms SELECT DISTINCT term, doc_id FROM (SELECT doc_id, unnest(regexp_extract_all("
            f"lower(coalesce(title, '') || ' ' || coalesce(text, '')), '{_SQL_WORD}')) AS term FROM documents"
            f" WHERE {which})")


def _events_sql(which_events: str, which_evidence: str) -> str:
    return ("INSERT INTO event_terms SELECT DISTINCT term, event_id FROM ("
            f"SELECT event_id, unnest(regexp_extract_all(lower(evidence), '{_SQL_WORD}')) AS term FROM events"
            f" WHERE evidence IS NOT NULL AND {which_events}"
            f" UNION ALL SELECT event_id, unnest(regexp_extract_all(lower(text), '{_SQL_WORD}')) FROM evidence"
            f" WHERE {which_evidence})")


def index_new(con: duckdb.DuckDBPyConnection, new_ids: str) -> None:
    """Index the documents (and their events) whose ids are in the relation ``new_ids`` (a registered
    table or view with a ``doc_id`` column), inside the caller's transaction."""
    con.execute(_documents_sql(f"doc_id IN (SELECT doc_id FROM {new_ids})"))
    con.execute(_events_sql(f"doc_id IN (SELECT doc_id FROM {new_ids})",
                            f"doc_id IN (SELECT doc_id FROM {new_ids})"))


def index_missing(con: duckdb.DuckDBPyConnection) -> None:
    """Index every document and event the index does not hold yet (stores from before the index, rows
    written by hand)."""
    con.execute(_documents_sql("doc_id NOT IN (SELECT doc_id FROM document_terms)"))
    missing = "event_id NOT IN (SELECT event_id FROM event_terms)"
    con.execute(_events_sql(missing, missing))


DOCUMENT_TEXTS = ("regexp_matches(coalesce(title, ''), ?)", "regexp_matches(text, ?)")
EVENT_TEXTS = ("regexp_matches(coalesce(evidence, ''), ?)",
               "event_id IN (SELECT event_id FROM evidence WHERE regexp_matches(text, ?))")


def word_clauses(q: str | None, kind: str, id_column: str) -> tuple[list[str], list[Any]]:
    """SQL clauses (all must hold) and their parameters finding rows with every word of ``q``.

    ``kind``: "document" (``id_column`` holds doc ids; a search word of several index words is checked
    whole against the title and text) or "event" (event ids; checked against the evidence).
    """
    from entente.store.search import search_words

    table, key = ("document_terms", "doc_id") if kind == "document" else ("event_terms", "event_id")
    clauses: list[str] = []
    params: list[Any] = []
    for word in search_words(q):
        parts = index_words(word)
        if not parts:  # punctuation only: nothing can hold it as a word
            clauses.append("FALSE")
            continue
        for part in dict.fromkeys(parts):
            clauses.append(f"{id_column} IN (SELECT {key} FROM {table} WHERE term = ?)")
            params.append(part)
        if len(parts) > 1:
            pattern = rf"(?i)(^|[^\pL\pN_]){re.escape(word)}([^\pL\pN_]|$)"
            texts = DOCUMENT_TEXTS if kind == "document" else EVENT_TEXTS
            clauses.append("(" + " OR ".join(texts) + ")")
            params += [pattern] * len(texts)
    return clauses, params
