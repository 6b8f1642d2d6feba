"""The orchestrator: documents in, extractions out, into the store.

Batching and parallelism live here. ``ingest`` reads inputs lazily, skips
content that is already stored, parses in batches with ``nlp.pipe`` and
commits one document at a time, so an interrupted run resumes where it
stopped with nothing lost or duplicated.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from tqdm import tqdm

from entente.extract import extract_documents
from entente.ingest import DEFAULT_MAX_BYTES, read_inputs
from entente.nlp.pipeline import load_pipeline
from entente.records import Document, Notice, Reject
from entente.store import add_extraction, add_rejects, connect, known_hashes
from entente.store.merge import merge_reports


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    skipped: int = 0
    rejected: list[Reject] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    clusters: int = 0


def _fresh(items: Iterable[Document | Reject | Notice], seen: set[str], report: IngestReport,
           on_problem: Callable[[Reject | Notice], None]) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Document):
            if item.content_hash in seen:
                report.skipped += 1
                continue
            seen.add(item.content_hash)
            yield item
        elif isinstance(item, Reject):
            report.rejected.append(item)
            on_problem(item)
        else:
            report.notices.append(item)
            on_problem(item)


def ingest(paths: Iterable[str], db: str | None = None, *, published: str | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, model: str | None = None, progress: bool = False,
           on_problem: Callable[[Reject | Notice], None] = lambda _: None) -> IngestReport:
    """Extract every new document under ``paths`` into the store at ``db``."""
    report = IngestReport()
    items = read_inputs(paths, published=published, max_bytes=max_bytes)
    con = connect(db)
    try:
        docs = _fresh(items, known_hashes(con), report, on_problem)
        nlp = load_pipeline(model)
        bar = tqdm(docs, desc="ingest", unit="doc", disable=not progress, file=sys.stderr)
        by_id: dict[str, Document] = {}

        def remember(stream: Iterable[Document]) -> Iterator[Document]:
            for d in stream:
                by_id[d.id] = d
                yield d

        for extraction in extract_documents(remember(bar), nlp=nlp):
            doc = by_id.pop(extraction.id)
            if add_extraction(con, doc, extraction):
                report.added += 1
            else:
                report.skipped += 1
        add_rejects(con, report.rejected)
        report.clusters = merge_reports(con)
    finally:
        con.close()
    return report
