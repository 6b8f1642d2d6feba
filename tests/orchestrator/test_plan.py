"""How many workers ``auto`` picks, and how documents are cut into batches (no model needed)."""

from __future__ import annotations

import pytest

from entente.orchestrator.plan import (AUTO_MIN_DOCUMENTS, BATCH_DOCS, DOCS_PER_WORKER, WORKER_MEMORY,
                                       batch_docs_for, batches, choose_workers, estimate_documents,
                                       parse_workers, workers_for)
from entente.records import Document


@pytest.mark.parametrize("value, parsed", [("auto", None), ("AUTO", None), ("1", 1), (" 4 ", 4), (3, 3)])
def test_plan_parse_workers_reads_auto_and_positive_counts(value, parsed):
    assert parse_workers(value) == parsed


@pytest.mark.parametrize("value", ["0", "-2", "two", "", "1.5", 0, -1, True])
def test_plan_parse_workers_refuses_anything_else(value):
    with pytest.raises(ValueError, match="not 'auto' or a number of worker processes"):
        parse_workers(value)


@pytest.mark.parametrize("documents", [1, 2, 3, AUTO_MIN_DOCUMENTS - 1])
def test_plan_auto_is_one_process_for_a_small_input(documents):
    assert choose_workers(None, documents, cpus=16) == 1


def test_plan_auto_uses_the_cores_the_input_keeps_busy_and_the_memory_holds():
    assert choose_workers(None, None, cpus=8) == 8  # size unknown: every core
    assert choose_workers(None, 10_000, cpus=8) == 8
    assert choose_workers(None, 10_000, cpus=1) == 1
    assert choose_workers(None, 3 * DOCS_PER_WORKER, cpus=8) == 3
    assert choose_workers(None, 10_000, cpus=8, memory=3 * WORKER_MEMORY + 1) == 3
    assert choose_workers(None, 10_000, cpus=8, memory=0) == 1


def test_plan_a_given_count_is_kept_whatever_the_input():
    assert choose_workers(2, 1, cpus=1) == 2
    assert choose_workers(1, 10_000, cpus=16) == 1


def test_plan_estimate_counts_cheaply_and_stops_when_it_has_enough(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n', encoding="utf-8")
    folder = tmp_path / "inbox"
    (folder / "deep").mkdir(parents=True)
    for name in ("one.txt", "two.html", "deep/three.md"):
        (folder / name).write_text("text", encoding="utf-8")
    paths = [str(tmp_path / "a.jsonl"), str(folder), str(tmp_path / "missing.txt")]
    assert estimate_documents(paths, enough=100) == 6
    assert estimate_documents(paths, enough=2) == 2


def test_plan_workers_for_a_tiny_input_is_one(tmp_path):
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text('{"text": "India and Nepal signed a pact."}\n' * 3, encoding="utf-8")
    assert workers_for(None, [str(corpus)]) == 1
    assert workers_for(2, [str(corpus)]) == 2


def test_plan_batch_size_leaves_each_worker_several_batches():
    assert batch_docs_for(None, 2) == BATCH_DOCS
    assert batch_docs_for(10_000, 4) == BATCH_DOCS
    assert batch_docs_for(60, 2) == 8
    assert batch_docs_for(3, 2) == 1
    assert batch_docs_for(60, 1) == BATCH_DOCS


def test_plan_batches_cut_by_documents_and_characters_in_order():
    docs = [Document(id=str(i), text="x" * size) for i, size in enumerate([10, 10, 10, 50, 10, 10, 10, 10])]
    cut = list(batches(docs, max_docs=3, max_chars=30))
    assert [[d.id for d in b] for b in cut] == [["0", "1", "2"], ["3"], ["4", "5", "6"], ["7"]]
    assert [d.id for d in next(batches(docs, max_docs=8, max_chars=None))] == [str(i) for i in range(8)]
