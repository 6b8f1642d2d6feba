"""Cross-document merge of reports (entente.store.merge)."""

from __future__ import annotations

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
