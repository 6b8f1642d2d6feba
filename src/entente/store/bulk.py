"""Write many extractions in one transaction, through Arrow (fast bulk insert).

The store's :func:`entente.store.add_extraction` inserts row by row with
``executemany``; profiled, that was about a fifth of an in-process ingest
(bench/README.md). Here a batch of documents becomes one Arrow table per
store table, inserted with ``INSERT ... BY NAME`` in one transaction. The rows
come from the store's own row builders, so the stored values are the same.
"""

from __future__ import annotations

from typing import Sequence

import duckdb
import pyarrow as pa

from entente.records import Document, Extraction
from entente.store import EVENT_COLUMNS, event_rows, mention_rows, quote_countries

COLUMNS = {
    "documents": ("doc_id", "content_hash", "title", "url", "source", "published", "published_from", "origin",
                  "kind", "text"),
    "mentions": ("doc_id", "kind", "text", "start", "end", "name", "country", "role", "lat", "lon", "value",
                 "amount", "detail"),
    "quotes": ("doc_id", "speaker", "speaker_country", "speaker_role", "text", "start", "end", "cue", "countries"),
    "events": EVENT_COLUMNS,
    "evidence": ("event_id", "doc_id", "text", "start", "end"),
}


def add_extractions(con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[Document, Extraction]]) -> int:
    """Store each ``(document, extraction)`` whose content is not stored yet, atomically.

    Returns how many documents were added (the rest were already stored, or
    repeated within the batch).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        fresh = _fresh(con, pairs)
        rows: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
        for doc, ex in fresh:
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
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(fresh)


def _fresh(con: duckdb.DuckDBPyConnection,
           pairs: Sequence[tuple[Document, Extraction]]) -> list[tuple[Document, Extraction]]:
    hashes = [d.content_hash for d, _ in pairs]
    ids = [d.id for d, _ in pairs]
    stored = con.execute("SELECT doc_id, content_hash FROM documents WHERE list_contains(?, content_hash)"
                         " OR list_contains(?, doc_id)", [hashes, ids]).fetchall()
    seen_ids, seen_hashes = {i for i, _ in stored}, {h for _, h in stored}
    fresh = []
    for doc, ex in pairs:
        if doc.id in seen_ids or doc.content_hash in seen_hashes:
            continue
        seen_ids.add(doc.id)
        seen_hashes.add(doc.content_hash)
        fresh.append((doc, ex))
    return fresh


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
