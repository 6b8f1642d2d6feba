"""The orchestrator facade: the process pool gives the in-process rows."""

from __future__ import annotations

import json
import os

import pytest

from entente.coding.options import CoderOptions
from entente.lexicon.load import DictionarySetError
from entente.orchestrator.work import BatchResult
from entente.pipeline import count_documents, ingest

from tests.orchestrator import conftest as orchestrator_fixtures
from tests.orchestrator.conftest import table_rows

tiny = orchestrator_fixtures.tiny  # the orchestrator tests' corpus fixture, shared here


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


# One document id, two texts: the same rule on every ingest path (the first text is kept, the other
# rejected with E112 naming the line; nothing mixed, nothing silently counted as stored).
SAME_ID = [{"id": "a", "published": "2024-03-05", "text": "China pledged $5 billion in aid to Pakistan on Tuesday."},
           {"id": "b", "published": "2024-03-06", "text": "India and Japan signed a defence pact on Wednesday."},
           {"id": "a", "published": "2024-03-07", "text": "The United States criticised China over trade on Thursday."}]


@pytest.fixture(scope="module")
def same_id(tmp_path_factory):
    folder = tmp_path_factory.mktemp("same-id")
    corpus = folder / "feed.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in SAME_ID), encoding="utf-8")
    alone = folder / "alone.jsonl"
    alone.write_text("".join(json.dumps(d) + "\n" for d in SAME_ID[:2]), encoding="utf-8")
    reference = folder / "reference.duckdb"
    ingest([str(alone)], str(reference))
    return corpus, _without_origins(table_rows(reference))


def _without_origins(rows: dict[str, list[str]]) -> dict[str, list[str]]:
    """The rows, documents without their origin (the path they were read from)."""
    import re

    return {**rows, "documents": sorted(re.sub(r"'[^']*\.jsonl:\d+'", "ORIGIN", r) for r in rows["documents"])}


@pytest.mark.parametrize("driver", [{}, {"workers": 2, "batch_docs": 1}, {"parquet": "PQ", "partition_size": 1}],
                         ids=["in-process", "pool", "parquet"])
def test_pipeline_a_repeated_id_with_another_text_is_rejected_on_every_path(same_id, tmp_path, driver):
    corpus, reference = same_id
    driver = {k: (tmp_path / "pq" if v == "PQ" else v) for k, v in driver.items()}
    db = tmp_path / "run.duckdb"
    report = ingest([str(corpus)], str(db), **driver)
    assert (report.added, report.skipped) == (2, 0)
    assert [(r.code, r.line) for r in report.rejected] == [("E112", 3)]
    assert "id 'a' is already used by another text" in report.rejected[0].reason
    rows = table_rows(db)
    assert _without_origins(rows) == reference  # the first text and only its events
    again = ingest([str(corpus)], str(db), **driver)
    assert (again.added, again.skipped, [r.code for r in again.rejected]) == (0, 2, ["E112"])
    assert table_rows(db) == rows


def test_pipeline_a_changed_text_under_a_stored_id_keeps_the_stored_one(same_id, tmp_path):
    corpus, reference = same_id
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(SAME_ID[0]) + "\n" + json.dumps(SAME_ID[1]) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([str(first)], str(db))
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps(SAME_ID[2]) + "\n", encoding="utf-8")
    report = ingest([str(later)], str(db))
    assert (report.added, [(r.path, r.line, r.code) for r in report.rejected]) == (0, [(str(later), 1, "E112")])
    assert _without_origins(table_rows(db)) == reference


def test_pipeline_ingest_into_a_store_with_no_events(tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The weather was pleasant on Monday.", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    first = ingest([str(quiet)], str(db))
    assert (first.added, first.clusters) == (1, 0)
    other = tmp_path / "other.txt"
    other.write_text("It rained in the hills on Tuesday.", encoding="utf-8")
    assert ingest([str(other)], str(db)).added == 1


def test_pipeline_auto_runs_a_tiny_input_in_this_process(tiny, tmp_path, monkeypatch):
    import entente.pipeline as pipeline

    corpus, reference = tiny

    def no_pool(*args, **kwargs):
        raise AssertionError("auto started a pool for 6 documents")

    monkeypatch.setattr(pipeline, "process_pool", no_pool)
    db = tmp_path / "auto.duckdb"
    assert ingest([str(corpus)], str(db), workers="auto").added == 6
    assert table_rows(db) == reference


@pytest.mark.parametrize("workers", [0, "none", "-1"])
def test_pipeline_refuses_a_bad_worker_count(tmp_path, workers):
    with pytest.raises(ValueError, match="worker processes"):
        ingest([str(tmp_path / "missing.jsonl")], str(tmp_path / "s.duckdb"), workers=workers)


def _die_on_boom(docs, model=None, options=None):
    if any(d.id == "boom" for d in docs):
        os._exit(1)  # the worker is killed mid-batch (out of memory, kill -9)
    return BatchResult(lines=[d.id for d in docs])


def test_pipeline_a_dead_worker_is_a_coded_error_naming_the_batch_documents():
    from entente.orchestrator.local import WorkerCrashed, process_pool
    from entente.pipeline import extract_batches
    from entente.records import Document

    docs = [Document(id=i, text="India and Nepal signed a pact.", origin=f"feed.jsonl:{n}")
            for n, i in enumerate(["a", "b", "c", "boom", "e", "f"], start=1)]
    pool = process_pool(1)  # one worker: the batches run in order, so which one dies is certain
    done = []
    try:
        with pytest.raises(WorkerCrashed) as crash:
            for batch, result in extract_batches(docs, pool, _die_on_boom, model=None, options=CoderOptions(),
                                                 workers=1, batch_docs=2):
                done += result.lines
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    assert done == ["a", "b"]  # what came before the dead batch, in order
    assert str(crash.value) == ("E149 a worker process stopped without finishing the batch of 2 documents "
                                "c (feed.jsonl:3) to boom (feed.jsonl:4) (killed, or out of memory?); "
                                "results after the previous batch were not kept")
