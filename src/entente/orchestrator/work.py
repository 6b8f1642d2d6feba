"""What a worker does: extract a batch of documents, or write one partition.

These functions run in worker processes (a local pool or Dask workers). The
spaCy pipeline is loaded once per process through
:func:`entente.nlp.pipeline.shared_pipeline` and kept for every later batch.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

from entente.coding.options import CoderOptions
from entente.records import Document, Extraction, Reject


@dataclass
class BatchResult:
    """The extraction records of one batch (input order) and its rejects; ``lines`` instead of
    ``extractions`` when the worker wrote the records as JSON Lines (:func:`extract_jsonl`)."""

    extractions: list[Extraction] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class PartitionResult:
    """What one written partition holds (the records stay on disk)."""

    index: int
    documents: int
    events: int
    rejects: list[Reject] = field(default_factory=list)


def warm(model: str | None = None, options: CoderOptions | None = None) -> None:
    """Load the pipeline, the coder (dictionaries included) and the gazetteer in this process now (a pool
    initializer, ``client.run``, or before extracting in one process), then take what is loaded
    out of the garbage collector's sight (:func:`gc.freeze`).

    The pipeline and the dictionaries are millions of objects that live as long as the process:
    left in view, every full collection walks them all again (about 4 % of an extract), and in a
    worker forked after this, walking them would also copy the pages it shares with its parent.
    """
    from entente.coding.options import coder_for
    from entente.geo.gazetteer import load_gazetteer
    from entente.nlp.pipeline import shared_pipeline

    options = options or CoderOptions()
    shared_pipeline(model, options.profile)
    coder_for(options)
    load_gazetteer()
    gc.freeze()


def die_with_parent(parent: int | None = None) -> None:
    """Linux: have this worker killed when the process that started it dies (``kill -9`` of
    ``entente ingest`` must not leave its workers waiting forever for work). ``parent``: that
    process's id, to catch a parent that died before this call. Elsewhere: nothing."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def warm_quietly(model: str | None = None, options: CoderOptions | None = None, parent: int | None = None) -> None:
    """A pool initializer: :func:`die_with_parent`, then :func:`warm`, leaving a failure to the first
    task (an initializer that raised would break the pool; the task raises the same error, which
    reaches the caller as it is)."""
    die_with_parent(parent)
    try:
        warm(model, options)
    except Exception:  # raised again, with its own type, by the first task
        pass


def jsonl_line(extraction: Extraction) -> str:
    """One extraction record as ``entente extract`` writes it (one line, newline included)."""
    return json.dumps(extraction.to_record(), ensure_ascii=False) + "\n"


def extract_jsonl(docs: list[Document], model: str | None = None,
                  options: CoderOptions | None = None) -> BatchResult:
    """:func:`extract_batch`, the records written as JSON Lines here (the worker), so the parent
    only writes them out."""
    batch = extract_batch(docs, model, options)
    return BatchResult(rejects=batch.rejects, lines=[jsonl_line(ex) for ex in batch.extractions])


def extract_batch(docs: list[Document], model: str | None = None,
                  options: CoderOptions | None = None) -> BatchResult:
    """Parse and extract ``docs`` with this process's pipeline and coder for ``options``."""
    from entente.extract import extract_documents
    from entente.nlp.pipeline import shared_pipeline

    options = options or CoderOptions()
    result = BatchResult()
    nlp = shared_pipeline(model, options.profile)
    result.extractions = list(extract_documents(docs, nlp=nlp, on_reject=result.rejects.append,
                                                dictionaries=options.dictionaries,
                                                min_confidence=options.min_confidence))
    return result


def extract_partition(index: int, docs: list[Document], folder: str, model: str | None = None,
                      rejects: list[Reject] | None = None, options: CoderOptions | None = None,
                      fingerprint: str = "") -> PartitionResult:
    """Extract ``docs`` and write them as partition ``index`` under ``folder``.

    ``rejects`` are the inputs the reader refused while this partition was
    filled; they are stored with it so nothing is lost on a cluster run.
    Its marker records ``fingerprint`` (of ``options``, computed once by the caller), so a
    rerun with other options or dictionaries redoes the partition.
    """
    from entente.store.parquet import write_partition

    options = options or CoderOptions()
    batch = extract_batch(docs, model, options)
    refused = list(rejects or []) + batch.rejects
    events = write_partition(Path(folder), index, docs, batch.extractions, refused, fingerprint)
    return PartitionResult(index, len(batch.extractions), events, batch.rejects)
