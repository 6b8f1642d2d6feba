"""Store fixtures: a small store built once per session from the sample corpus."""

from __future__ import annotations

import pytest

from entente.pipeline import ingest

from tests.store.test_store import _snapshot, _subset


@pytest.fixture(scope="session")
def reference(tmp_path_factory):
    """An uninterrupted ingest of 12 sample articles."""
    tmp = tmp_path_factory.mktemp("ref")
    corpus = _subset(tmp, 12)
    db = tmp / "ref.duckdb"
    report = ingest([str(corpus)], str(db))
    assert report.added == 12
    return corpus, db, _snapshot(db)


