"""Orchestrator fixtures: a tiny corpus and its in-process reference store."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from entente.extract import extract_documents
from entente.ingest import read_inputs
from entente.nlp.pipeline import shared_pipeline
from entente.records import Document
from entente.store import add_extraction, connect
from entente.store.merge import merge_reports

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample" / "corpus.jsonl"


def subset(folder: Path, n: int) -> Path:
    """The first ``n`` sample articles as a JSON Lines file."""
    path = folder / f"corpus{n}.jsonl"
    path.write_text("\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:n]) + "\n", encoding="utf-8")
    return path


def table_rows(db: Path) -> dict[str, list[str]]:
    """Every row of the extraction tables (without load times), sorted, for comparison."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in ("documents", "mentions", "quotes", "events", "evidence"):
            cols = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description
                    if c[0] != "ingested_at"]
            select = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(repr(r) for r in con.execute(f"SELECT {select} FROM {table}").fetchall())
        return out
    finally:
        con.close()


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """``(corpus, rows)``: 6 sample articles and their tables, stored one document at a time."""
    tmp = tmp_path_factory.mktemp("tiny")
    corpus = subset(tmp, 6)
    db = tmp / "ref.duckdb"
    con = connect(str(db))  # the store's own per-document writer, independent of the orchestrator
    try:
        docs = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
        for doc, ex in zip(docs, extract_documents(docs, nlp=shared_pipeline())):
            assert add_extraction(con, doc, ex)
        merge_reports(con)
    finally:
        con.close()
    return corpus, table_rows(db)
