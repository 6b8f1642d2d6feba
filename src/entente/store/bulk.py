"""The store's writer: which documents it takes, and many extractions in one transaction through Arrow.

:class:`Admission` is the one rule for what a store takes, used by every ingest path (in-process,
process pool, Dask, Parquet loads, ``POST /api/ingest``): a text already stored (same content hash)
is skipped, whatever its id; a known id with a different text is rejected (E112) — the stored text
and its events stay as they were, and the new version is never mixed with them; the first of two
inputs with one id in a run wins the same way.

:func:`add_extractions` writes admitted documents: a batch becomes one Arrow table per store table,
inserted with ``INSERT ... BY NAME`` in one transaction (row-by-row ``executemany`` was about a fifth
of an in-process ingest; bench/README.md). The rows come from the store's own row builders.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import duckdb
import pyarrow as pa

from entente.errors import E112_ID_CONFLICT
from entente.records import Document, Extraction, Reject
from entente.store import COLUMNS, event_rows, mention_rows, quote_countries, rollback
from entente.store.words import index_new



class Admission:
    """What a store holds (id -> content hash) and takes next; see the module docstring."""

    def __init__(self, stored: Iterable[tuple[str, str]] = ()) -> None:
        self.ids: dict[str, str] = dict(stored)
        self.hashes: set[str] = set(self.ids.values())

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> Admission:
        """The admission of the store behind ``con``."""
        return cls(con.execute("SELECT doc_id, content_hash FROM documents").fetchall())

    def decide(self, doc: Document) -> bool | Reject:
        """``True``: new, now counted as held; ``False``: its text is held already (skip);
        a :class:`Reject` (E112): its id is held with another text."""
        if doc.content_hash in self.hashes:
            return False
        held = self.ids.get(doc.id)
        if held is not None:
            path, line = _where(doc)
            return Reject(path=path, line=line, code=E112_ID_CONFLICT,
                          reason=f"id {doc.id!r} is already used by another text (content {held[:12]});"
                                 " the stored one is kept: give a new version its own id")
        self.ids[doc.id] = doc.content_hash
        self.hashes.add(doc.content_hash)
        return True


def _where(doc: Document) -> tuple[str, int | None]:
    """``(path, line)`` of a document's origin ("feed.jsonl:12"), else its id."""
    path, sep, line = (doc.origin or "").rpartition(":")
    if sep and line.isdigit():
        return path, int(line)
    return doc.origin or doc.id, None


def add_extractions(con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[Document, Extraction]]) -> int:
    """Store each admitted ``(document, extraction)`` atomically; returns how many were written.

    The documents must have passed :class:`Admission` for this store (ids and texts not held); a pair
    breaking that rule fails the whole batch (the store's keys refuse it) and nothing is written.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        rows: dict[str, list[tuple]] = {table: [] for table in COLUMNS if table != "rejects"}
        for doc, ex in pairs:
            rows["documents"].append((doc.id, doc.content_hash, doc.title, doc.url, doc.source, doc.published,
                                      doc.published_from, doc.origin, doc.kind, doc.text))
            rows["mentions"] += mention_rows(doc.id, ex)
            rows["quotes"] += [(doc.id, q.speaker, q.speaker_country, q.speaker_role, q.text, q.start, q.end,
                                q.cue, quote_countries(q.start, q.end, ex)) for q in ex.quotes]
            events, evidence = event_rows(doc, ex)
            rows["events"] += events
            rows["evidence"] += evidence
        for table, values in rows.items():
            _insert(con, table, values)
        if pairs:
            con.register("_entente_new", pa.table({"doc_id": [doc.id for doc, _ in pairs]}))
            try:
                index_new(con, "_entente_new")
            finally:
                con.unregister("_entente_new")
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return len(pairs)


def _insert(con: duckdb.DuckDBPyConnection, table: str, values: list[tuple]) -> None:
    if not values:
        return
    columns = COLUMNS[table]
    batch = pa.table({c: pa.array([r[i] for r in values]) for i, c in enumerate(columns)})
    con.register("_entente_batch", batch)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _entente_batch")
    finally:
        con.unregister("_entente_batch")
