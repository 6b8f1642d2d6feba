"""The orchestrator facade: the process pool gives the in-process rows."""

from __future__ import annotations

from entente.pipeline import count_documents, ingest

from tests.orchestrator.conftest import table_rows, tiny  # noqa: F401  (fixture)


def test_pipeline_process_pool_matches_in_process(tiny, tmp_path):
    corpus, reference = tiny
    db = tmp_path / "pool.duckdb"
    report = ingest([str(corpus)], str(db), workers=2, batch_docs=2)
    assert (report.added, report.skipped) == (6, 0)
    assert table_rows(db) == reference
    again = ingest([str(corpus)], str(db), workers=2)
    assert (again.added, again.skipped) == (0, 6)


def test_pipeline_counts_json_lines_for_the_progress_total(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("z", encoding="utf-8")
    assert count_documents([str(tmp_path / "a.jsonl")]) == 2
    assert count_documents([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")]) is None
