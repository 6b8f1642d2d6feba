"""Parquet partitions: same tables as the store, resumable, loadable twice without duplicates."""

from __future__ import annotations

import duckdb

from entente.store.parquet import DONE, finished_files
from entente.pipeline import ingest, load_parquet

from tests.orchestrator.conftest import table_rows


def test_parquet_killed_run_resumes_and_matches_in_process(tiny, tmp_path):
    corpus, reference = tiny
    folder, db = tmp_path / "pq", tmp_path / "store.duckdb"
    first = ingest([str(corpus)], str(db), parquet=folder, partition_size=2, max_partitions=1, load=False)
    assert (first.partitions_written, first.partitions_skipped) == (1, 0)
    assert not db.exists()
    second = ingest([str(corpus)], str(db), parquet=folder, partition_size=2)
    assert (second.partitions_written, second.partitions_skipped) == (2, 1)
    assert second.added == 6
    assert table_rows(db) == reference
    third = ingest([str(corpus)], str(db), parquet=folder, partition_size=2)
    assert (third.partitions_written, third.partitions_skipped, third.added, third.skipped) == (0, 3, 0, 6)


def test_parquet_duckdb_reads_partitions_directly(tiny, tmp_path):
    corpus, reference = tiny
    folder = tmp_path / "pq"
    ingest([str(corpus)], None, parquet=folder, partition_size=4, load=False)
    con = duckdb.connect()
    events = con.execute(f"SELECT count(*) FROM read_parquet('{folder}/events/*.parquet')").fetchone()[0]
    assert events == len(reference["events"])


def test_parquet_unfinished_partition_is_not_loaded(tiny, tmp_path):
    corpus, _ = tiny
    folder, db = tmp_path / "pq", tmp_path / "s.duckdb"
    ingest([str(corpus)], None, parquet=folder, partition_size=3, load=False)
    (folder / DONE / "part-000001.json").unlink()  # as if killed before the marker
    assert len(finished_files(folder, "documents")) == 1
    assert load_parquet(folder, str(db)).added == 3
    assert load_parquet(folder, str(db)).added == 0
