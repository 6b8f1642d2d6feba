"""The Dask path: a 2-worker LocalCluster gets exactly the in-process tables."""

from __future__ import annotations

import pytest

from entente.pipeline import ingest

from tests.orchestrator.conftest import table_rows

pytest.importorskip("distributed")


def test_dask_local_cluster_matches_in_process(tiny, tmp_path):
    corpus, reference = tiny
    db = tmp_path / "dask.duckdb"
    report = ingest([str(corpus)], str(db), dask=True, workers=2, parquet=tmp_path / "pq", partition_size=3)
    assert (report.added, report.partitions_written) == (6, 2)
    assert table_rows(db) == reference
