"""What a worker does: extract a batch of documents, or write one partition.

These functions run in worker processes (a local pool or Dask workers). The
spaCy pipeline is loaded once per process through
:func:`entente.nlp.pipeline.shared_pipeline` and kept for every later batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from entente.records import Document, Extraction, Reject


@dataclass
class BatchResult:
    """The extraction records of one batch (input order) and its rejects."""

    extractions: list[Extraction] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


@dataclass
class PartitionResult:
    """What one written partition holds (the records stay on disk)."""

    index: int
    documents: int
    events: int
    rejects: list[Reject] = field(default_factory=list)


def warm(model: str | None = None) -> None:
    """Load the pipeline in this process now (a pool initializer, or ``client.run``)."""
    from entente.nlp.pipeline import shared_pipeline

    shared_pipeline(model)


def extract_batch(docs: list[Document], model: str | None = None) -> BatchResult:
    """Parse and extract ``docs`` with this process's pipeline."""
    from entente.extract import extract_documents
    from entente.nlp.pipeline import shared_pipeline

    result = BatchResult()
    nlp = shared_pipeline(model)
    result.extractions = list(extract_documents(docs, nlp=nlp, on_reject=result.rejects.append))
    return result


def extract_partition(index: int, docs: list[Document], folder: str, model: str | None = None,
                      rejects: list[Reject] | None = None) -> PartitionResult:
    """Extract ``docs`` and write them as partition ``index`` under ``folder``.

    ``rejects`` are the inputs the reader refused while this partition was
    filled; they are stored with it so nothing is lost on a cluster run.
    """
    from entente.orchestrator.parquet import write_partition

    batch = extract_batch(docs, model)
    refused = list(rejects or []) + batch.rejects
    events = write_partition(Path(folder), index, docs, batch.extractions, refused)
    return PartitionResult(index, len(batch.extractions), events, batch.rejects)
