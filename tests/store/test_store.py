"""The DuckDB store: atomic writes, reruns add nothing, kill -9 loses nothing, exports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from entente.pipeline import ingest
from entente.store import connect, counts, export_tables, period_start

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample" / "corpus.jsonl"


def _subset(tmp_path: Path, n: int) -> Path:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:n]
    path = tmp_path / f"corpus{n}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "counts": counts(con),
            "docs": sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()),
            "events": sorted(r[0] for r in con.execute("SELECT event_id FROM events").fetchall()),
            "evidence": con.execute("SELECT count(*) FROM evidence e JOIN events v USING (event_id)").fetchone()[0],
        }
    finally:
        con.close()


def test_store_rerun_adds_nothing(reference, tmp_path):
    corpus, db, snap = reference
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    report = ingest([str(corpus)], str(copy))
    assert (report.added, report.skipped) == (0, 12)
    assert _snapshot(copy) == snap


def test_store_every_event_has_evidence_inside_its_document(reference):
    _, db, _ = reference
    con = duckdb.connect(str(db), read_only=True)
    bad = con.execute("""
        SELECT count(*) FROM evidence e JOIN documents d USING (doc_id)
        WHERE substr(d.text, e.start + 1, e."end" - e.start) <> e.text""").fetchone()[0]
    orphans = con.execute("SELECT count(*) FROM events v LEFT JOIN documents d USING (doc_id) "
                          "WHERE v.dataset = 'entente' AND d.doc_id IS NULL").fetchone()[0]
    con.close()
    assert (bad, orphans) == (0, 0)


def test_store_kill_minus_nine_then_rerun_equals_uninterrupted(reference, tmp_path):
    corpus, _, snap = reference
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "entente", "ingest", str(corpus), "--db", str(db), "--progress"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, bufsize=1)
    deadline = time.time() + 120
    seen = ""
    while time.time() < deadline and proc.poll() is None:
        ch = proc.stderr.read(1)
        seen += ch
        if "ingest: " in seen and any(f"{n}doc" in seen.replace(" ", "") for n in range(3, 11)):
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _snapshot(db)["counts"]["documents"] if db.exists() else 0
    assert partial < 12, "the run finished before it could be killed"
    report = ingest([str(corpus)], str(db))
    assert report.added == 12 - partial
    assert _snapshot(db) == snap


def test_store_merges_reports_of_one_event_across_documents(tmp_path):
    docs = [
        {"id": "a", "published": "2024-03-05",
         "text": "Japan and Vietnam signed a maritime agreement in Hanoi on Monday."},
        {"id": "b", "published": "2024-03-06",
         "text": "Vietnam and Japan signed a maritime agreement on 4 March, officials said."},
        {"id": "c", "published": "2024-09-01", "text": "Japan and Vietnam signed a maritime agreement in Tokyo."},
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    db = tmp_path / "m.duckdb"
    ingest([str(corpus)], str(db))
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT doc_id, cluster_id, reports FROM events WHERE plover = 'SUPPORT' ORDER BY doc_id").fetchall()
    con.close()
    clusters = {doc: cid for doc, cid, _ in rows}
    assert clusters["a"] == clusters["b"] != clusters["c"]
    assert {doc: n for doc, _, n in rows} == {"a": 2, "b": 2, "c": 1}


def test_store_exports_parquet_and_csv(reference, tmp_path):
    _, db, snap = reference
    con = connect(db, read_only=True)
    files = export_tables(con, tmp_path / "pq", "parquet") + export_tables(con, tmp_path / "csv", "csv")
    con.close()
    assert len(files) == 12 and all(f.stat().st_size > 0 for f in files)
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path / 'pq' / 'events.parquet'}')").fetchall()[0][0]
    assert n == snap["counts"]["events"]


@pytest.mark.parametrize(("value", "day"), [
    ("2025", "2025-01-01"), ("2025-11", "2025-11-01"), ("2025-11-13", "2025-11-13"),
    ("2025-W47", "2025-11-17"), ("2024-Q2", "2024-04-01"), ("1990", "1990-01-01"), ("junk", None),
])
def test_store_period_start(value, day):
    got = period_start(value)
    assert (got.isoformat() if got else None) == day


def test_store_two_different_deals_on_one_day_stay_two(tmp_path):
    docs = [
        {"id": "a", "published": "2024-03-05", "text": "Chile signed a copper agreement with China on 4 March."},
        {"id": "b", "published": "2024-03-05", "text": "Chile signed a fisheries agreement with China on 4 March."},
        {"id": "c", "published": "2024-03-06",
         "text": "China and Chile signed a copper agreement on 4 March, officials said."},
    ]
    corpus = tmp_path / "d.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    db = tmp_path / "d.duckdb"
    ingest([str(corpus)], str(db))
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT doc_id, cluster_id FROM events WHERE plover = 'SUPPORT'").fetchall())
    con.close()
    assert rows["a"] == rows["c"] != rows["b"]


def test_store_column_registry_is_what_the_schema_declares(tmp_path):
    from entente.store import COLUMNS, STORE_FILLED, TABLES

    con = connect(tmp_path / "s.duckdb")
    try:
        for table in TABLES:
            declared = [c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table]).fetchall()]
            assert sorted(declared) == sorted(COLUMNS[table] + STORE_FILLED.get(table, ())), table
    finally:
        con.close()


class _CommitFails:
    """A connection whose COMMIT fails the way DuckDB's do: the transaction is over when it raises."""

    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self._con.execute("ROLLBACK")
            raise duckdb.IOException("disk full while committing")
        return self._con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_store_a_failed_commit_reports_its_cause_and_writes_nothing(tmp_path):
    from entente.records import Document, Extraction
    from entente.store.bulk import add_extractions

    con = connect(tmp_path / "s.duckdb")
    try:
        doc = Document(id="a", text="China pledged aid to Pakistan.", origin="a")
        with pytest.raises(duckdb.IOException, match="disk full while committing"):
            add_extractions(_CommitFails(con), [(doc, Extraction(id="a", published=None))])
        assert counts(con)["documents"] == 0
    finally:
        con.close()
