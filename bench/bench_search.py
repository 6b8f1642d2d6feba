"""Benchmark: whole-word search through the word index against a scan of every text.

Run:  .venv/bin/python bench/bench_search.py [--docs 20000] [--repeat 3]

Builds a store of ``--docs`` documents (the sample corpus's texts, each copy with its own id and a
numbered last sentence, so no two are the same text) through the store's writer
(:func:`entente.store.bulk.add_extractions`, which indexes what it adds), then times the document
search ``/documents?q=`` uses for a common word, a rare word and two words: finding the matches
through the index (the clauses :func:`entente.store.words.word_clauses` gives the search) and as a
regular-expression scan of every title and text (what the search did before the index), and the
whole first page of ``list_documents`` for reference. Prints the time the writer spent per document,
the index's rows, and the median of ``--repeat`` per query. Target: finding the matches through the
index at least 3x faster than the scan for every query at 20,000 documents.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from entente.records import Document, Extraction
from entente.store import connect
from entente.store.bulk import add_extractions
from entente.store.reads import list_documents
from entente.store.search import word_patterns
from entente.store.words import word_clauses

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ("said", "Gwadar", "aid Pakistan")
BATCH = 500


def texts() -> list[tuple[str, str | None]]:
    with open(ROOT / "sample" / "corpus.jsonl", encoding="utf-8") as fh:
        return [(r["text"], r.get("title")) for r in map(json.loads, fh)]


def build(db: Path, n: int) -> float:
    """Writes ``n`` documents; returns the writer's seconds per document."""
    corpus = texts()
    con = connect(db)
    spent = 0.0
    try:
        for first in range(0, n, BATCH):
            docs = [Document(id=f"d{i}", text=f"{corpus[i % len(corpus)][0]} Copy number {i}.",
                             title=corpus[i % len(corpus)][1], origin="bench")
                    for i in range(first, min(n, first + BATCH))]
            start = time.perf_counter()
            add_extractions(con, [(d, Extraction(id=d.id, published=None)) for d in docs])
            spent += time.perf_counter() - start
    finally:
        con.close()
    return spent / n


def scan(con, q: str) -> int:
    """The search as a regular-expression scan of every title and text."""
    patterns = word_patterns(q)
    where = " AND ".join(["(regexp_matches(coalesce(title, ''), ?) OR regexp_matches(text, ?))"] * len(patterns))
    params = [p for pattern in patterns for p in (pattern, pattern)]
    return con.sql(f"SELECT count(*) FROM documents WHERE {where}", params=params).fetchall()[0][0]


def indexed(con, q: str) -> int:
    """The search's matches found through the index."""
    clauses, params = word_clauses(q, "document", "doc_id")
    return con.sql(f"SELECT count(*) FROM documents WHERE {' AND '.join(clauses)}", params=params).fetchall()[0][0]


def median_seconds(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "search.duckdb"
        per_doc = build(db, args.docs)
        con = connect(db, read_only=True)
        try:
            (terms,), = con.sql("SELECT count(*) FROM document_terms").fetchall()
            print(f"{args.docs:,} documents; the writer took {per_doc * 1000:.2f} ms per document, index"
                  f" included; {terms:,} index rows")
            print(f"{'query':<16}{'found':>8}{'index ms':>11}{'scan ms':>10}{'speed-up':>10}{'page ms':>10}")
            ok = True
            for q in QUERIES:
                through_index, total = median_seconds(lambda: indexed(con, q), args.repeat)
                scanned, scan_total = median_seconds(lambda: scan(con, q), args.repeat)
                paged, page = median_seconds(lambda: list_documents(con, q=q, limit=50, offset=0), args.repeat)
                assert total == scan_total == page["total"], (q, total, scan_total, page["total"])
                ok &= scanned >= 3 * through_index
                print(f"{q:<16}{total:>8,}{through_index * 1000:>11.1f}{scanned * 1000:>10.1f}"
                      f"{scanned / through_index:>9.1f}x{paged * 1000:>10.1f}")
        finally:
            con.close()
    print("target (matches through the index >= 3x faster than a scan, every query):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
