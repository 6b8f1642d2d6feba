"""Cross-document merge of reports (entente.store.merge)."""

from __future__ import annotations

from pathlib import Path

from entente.records import Document, Extraction
from entente.store import add_extraction, connect
from entente.store.merge import merge_reports


def test_merge_store_without_events_has_no_clusters(tmp_path):
    con = connect(str(tmp_path / "s.duckdb"))
    try:
        doc = Document(id="n1", text="Nothing happened between any two countries today.")
        assert add_extraction(con, doc, Extraction(id="n1", published=None, countries=()))
        assert merge_reports(con) == 0
    finally:
        con.close()


def test_merge_of_new_documents_only_equals_a_full_pass(tmp_path):
    """Interleaved halves of the sample corpus, merged as each half arrives (only the pair/type groups
    the new documents touch), end as one full pass over everything leaves them."""
    import duckdb

    from entente.pipeline import ingest
    from tests.orchestrator.conftest import table_rows

    lines = (Path(__file__).resolve().parents[2] / "sample" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    halves = [tmp_path / "odd.jsonl", tmp_path / "even.jsonl"]
    for n, half in enumerate(halves):
        half.write_text("\n".join(lines[n::2]) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    first = ingest([str(halves[0])], str(db))
    second = ingest([str(halves[1])], str(db))
    assert first.added + second.added == len(lines)
    step_by_step = table_rows(db)["events"]
    con = duckdb.connect(str(db))
    try:
        merged = con.execute("SELECT count(*) FROM events WHERE merged").fetchall()[0][0]
        assert merged > 0 and merge_reports(con) == second.clusters
    finally:
        con.close()
    assert table_rows(db)["events"] == step_by_step
