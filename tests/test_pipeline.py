"""The orchestrator facade: the process pool gives the in-process rows."""

from __future__ import annotations

import json

import pytest

from entente.lexicon.load import DictionarySetError
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


# Written for the invented dictionaries (tests/conftest.py): with them, "Quarnia" is XYZ and
# "glorb" is CAMEO 190; without them neither word codes anything.
CODED = [
    "Quarnia glorbed India on Tuesday.",
    "The Quarnian police glorbed Nepal's border posts on Monday.",
    "Pakistan attacked India on Tuesday. Quarnian diplomats met Indian officials in Delhi.",
    "India and Nepal signed a trade agreement on Friday.",
]


@pytest.fixture(scope="module")
def coded(tmp_path_factory, user_dictionaries):
    """``(corpus, options, rows)``: the corpus, the coder options, and the serial run's tables."""
    tmp = tmp_path_factory.mktemp("coded")
    corpus = tmp / "coded.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"c{i}", "text": t, "published": "2024-03-05"}) + "\n"
                              for i, t in enumerate(CODED)), encoding="utf-8")
    options = {"dictionaries": user_dictionaries, "min_confidence": 0.0}
    db = tmp / "serial.duckdb"
    assert ingest([str(corpus)], str(db), **options).added == len(CODED)
    return corpus, options, table_rows(db)


def test_pipeline_serial_run_uses_the_coder_options(coded, tmp_path):
    corpus, _, rows = coded
    assert any("'XYZ'" in row and "'190'" in row for row in rows["events"])
    default = tmp_path / "default.duckdb"
    ingest([str(corpus)], str(default))
    assert not any("'XYZ'" in row for row in table_rows(default)["events"])


@pytest.mark.parametrize("driver", [
    {"workers": 2, "batch_docs": 2},
    {"parquet": "PQ", "partition_size": 3},
    {"parquet": "PQ", "partition_size": 2, "workers": 2},
    {"dask": True, "workers": 2, "parquet": "PQ", "partition_size": 2},
], ids=["pool", "parquet", "pool-parquet", "dask"])
def test_pipeline_every_driver_honours_the_coder_options(coded, tmp_path, driver):
    if driver.get("dask"):
        pytest.importorskip("distributed")
    corpus, options, rows = coded
    driver = {k: (tmp_path / "pq" if v == "PQ" else v) for k, v in driver.items()}
    db = tmp_path / "run.duckdb"
    report = ingest([str(corpus)], str(db), **driver, **options)
    assert report.added == len(CODED)
    assert table_rows(db) == rows


def test_pipeline_parquet_rerun_with_other_options_redoes_partitions(coded, tmp_path):
    corpus, options, _ = coded
    folder = tmp_path / "pq"
    first = ingest([str(corpus)], None, parquet=folder, partition_size=2, load=False)
    again = ingest([str(corpus)], None, parquet=folder, partition_size=2, load=False)
    other = ingest([str(corpus)], None, parquet=folder, partition_size=2, load=False, **options)
    same = ingest([str(corpus)], None, parquet=folder, partition_size=2, load=False, **options)
    assert [r.partitions_written for r in (first, again, other, same)] == [2, 0, 2, 0]


def test_pipeline_bad_dictionaries_fail_before_reading_inputs(tmp_path):
    with pytest.raises(DictionarySetError, match="E131"):
        ingest([str(tmp_path / "missing.jsonl")], str(tmp_path / "s.duckdb"), dictionaries=tmp_path / "nope")
    assert not (tmp_path / "s.duckdb").exists()
