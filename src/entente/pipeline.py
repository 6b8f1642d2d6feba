"""The orchestrator: documents in, extractions out, into the store or Parquet.

Batching and parallelism live here (with the executors and partition writer
in :mod:`entente.orchestrator`). ``ingest`` reads inputs lazily and runs one
of three ways:

- in-process (the default): ``nlp.pipe`` over the stream, one store commit per
  batch of documents, so an interrupted run resumes where it stopped;
- in parallel (``workers > 1`` on a local process pool, or ``dask=True`` /
  ``scheduler=`` on Dask): batches of documents go to workers that hold the
  pipeline, extraction records come back in input order and are committed
  by this process (``workers="auto"``, the CLI's default, picks the count:
  :func:`entente.orchestrator.plan.choose_workers`);
- to Parquet (``parquet=DIR``): each partition of ``partition_size``
  documents is extracted and written by a worker; a rerun skips finished
  partitions; the store then loads them (``load=True``).

At most a few batches are in flight at once, so memory does not grow with
the corpus.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from tqdm import tqdm

from entente.coding.options import CoderOptions, load_dictionaries
from entente.extract import BATCH_SIZE, extract_documents
from entente.ingest import DEFAULT_MAX_BYTES, read_inputs
from entente.nlp.pipeline import load_pipeline
from entente.orchestrator.local import InProcess, ordered_map, process_pool
from entente.orchestrator.plan import (BATCH_CHARS, BATCH_DOCS, WINDOW_PER_WORKER, batch_docs_for, batches,
                                       parse_workers, workers_for)
from entente.store.parquet import digest, is_done, load_partitions
from entente.orchestrator.work import BatchResult, PartitionResult, extract_batch, extract_partition
from entente.records import Document, Extraction, Notice, Reject
from entente.store import add_rejects, connect
from entente.store.bulk import Admission, add_extractions
from entente.store.merge import merge_reports

# Documents (BATCH_DOCS) and characters (BATCH_CHARS) per task sent to a worker: chosen in
# entente.orchestrator.plan.
# Documents per Parquet partition (one file per table per partition).
PARTITION_SIZE = 1000

Problem = Callable[[Reject | Notice], None]
T = TypeVar("T")


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    skipped: int = 0
    rejected: list[Reject] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    clusters: int = 0
    partitions_written: int = 0
    partitions_skipped: int = 0


def ingest(paths: Iterable[str], db: str | None = None, *, published: str | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES, model: str | None = None, progress: bool = False,
           on_problem: Problem = lambda _: None, workers: int | str = 1, scheduler: str | None = None,
           dask: bool = False, parquet: str | os.PathLike[str] | None = None,
           partition_size: int = PARTITION_SIZE, max_partitions: int | None = None,
           load: bool = True, batch_docs: int | None = None,
           dictionaries: str | os.PathLike[str] | None = None,
           min_confidence: float | None = None) -> IngestReport:
    """Extract every new document under ``paths`` into the store at ``db``.

    ``workers`` > 1 runs a local process pool (``"auto"``: as many as the machine and the input
    warrant, one process for a small input); ``batch_docs`` is the most documents a worker gets
    at once (default: :func:`entente.orchestrator.plan.batch_docs_for`); ``scheduler`` (an address) or
    ``dask=True`` runs on Dask (a LocalCluster of ``workers`` when no address
    is given). ``parquet`` writes partitions of ``partition_size`` documents
    to that folder (skipping finished ones), stops after ``max_partitions``
    new ones when set, and loads them into the store unless ``load`` is false.
    ``dictionaries`` (a folder) and ``min_confidence`` set up the event coder
    as in :func:`entente.extract.extract_documents`, the same way on every path;
    the folder is checked here, before any worker starts.
    """
    paths = list(paths)
    requested = parse_workers(workers)
    options = coder_options(dictionaries, min_confidence)
    report = IngestReport()
    items = read_inputs(paths, published=published, max_bytes=max_bytes)
    total = count_documents(paths)
    n = workers_for(requested, paths)
    per_batch = batch_docs or batch_docs_for(total, n)
    parallel = parquet or n > 1 or scheduler or dask
    # The pool first: its workers are forked before this process opens the store or draws the bar.
    executor = _executor(n, scheduler, dask, model, options) if parallel else None
    bar = progress_bar(total, progress)
    try:
        if parquet is not None:
            _to_parquet(items, Path(parquet), executor, report, on_problem, bar, model,
                        partition_size, max_partitions, n, options)
            if load:
                _load(db, Path(parquet), report)
        else:
            _into_store(items, db, report, on_problem, bar, executor, model, per_batch, n, options)
    finally:
        bar.close()
        if executor is not None:
            _shutdown(executor)
    return report


def coder_options(dictionaries: str | os.PathLike[str] | None, min_confidence: float | None) -> CoderOptions:
    """The run's coder options, checked now: a bad threshold or folder fails before any work.

    The folder is kept as an absolute path: workers may run in another working directory.
    """
    options = CoderOptions(Path(dictionaries).resolve() if dictionaries is not None else None, min_confidence)
    if dictionaries is not None:
        load_dictionaries(dictionaries)  # raises DictionarySetError (E131) naming the folder and the reason
    return options


def progress_bar(total: int | None, progress: bool, desc: str = "ingest") -> tqdm:
    """Documents done, documents per second and, with a known total, the ETA (``entente ingest`` and
    ``entente extract`` show the same bar)."""
    # With a total, the count still reads "<n>doc" as it does without one.
    fmt = "{desc}: {n_fmt}doc of {total_fmt} {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}, {rate_fmt}]"
    return tqdm(total=total, desc=desc, unit="doc", disable=not progress, file=sys.stderr, smoothing=0.05,
                bar_format=fmt if total else None)


def tell(message: str) -> None:
    """One line on stderr that never shares a line with a progress bar: an active bar is cleared,
    the line written, and the bar drawn again below it."""
    tqdm.write(message, file=sys.stderr)


def count_documents(paths: list[str]) -> int | None:
    """Documents to expect, when cheap to know (JSON Lines files: their lines), else ``None``."""
    total = 0
    for p in paths:
        if not (str(p).endswith((".jsonl", ".ndjson")) and os.path.isfile(p)):
            return None
        with open(p, "rb") as fh:
            total += sum(1 for line in fh if line.strip())
    return total


def _admit(items: Iterable[Document | Reject | Notice], admission: Admission, report: IngestReport,
           on_problem: Problem, bar: tqdm | None = None) -> Iterator[Document | Reject]:
    """The documents the store takes (:class:`Admission`, the one rule every path applies): a text held
    already is skipped, an id held with another text rejected (E112); reader rejects are reported and
    passed on (they fill partitions)."""
    for item in items:
        if isinstance(item, Document):
            verdict = admission.decide(item)
            if verdict is True:
                yield item
                continue
            if verdict is False:
                report.skipped += 1
            else:
                report.rejected.append(verdict)
                on_problem(verdict)
            if bar is not None:
                bar.update(1)
        elif isinstance(item, Reject):
            report.rejected.append(item)
            on_problem(item)
            if bar is not None:
                bar.update(1)
            yield item
        else:
            report.notices.append(item)
            on_problem(item)


def _documents(stream: Iterable[Document | Reject]) -> Iterator[Document]:
    return (d for d in stream if isinstance(d, Document))


class StoreSink:
    """Where every ingest path but Parquet puts its extractions: a store connection (the CLI's own, or
    the server's writer). It admits, writes in batches, records rejects and merges reports at the end."""

    def __init__(self, con) -> None:
        self.con = con
        self.admission = Admission.of(con)
        self.added: list[str] = []

    def commit(self, pairs: list[tuple[Document, Extraction]]) -> int:
        if not pairs:
            return 0
        n = add_extractions(self.con, pairs)
        self.added += [d.id for d, _ in pairs]
        return n

    def finish(self, rejects: list[Reject]) -> int:
        """Record the rejects, merge the reports the new documents touch; the store's event count."""
        add_rejects(self.con, rejects)
        return merge_reports(self.con, self.added)


def run(items: Iterable[Document | Reject | Notice], sink: StoreSink, report: IngestReport, *,
        executor: Any = None, model: str | None = None, options: CoderOptions | None = None,
        on_problem: Problem = lambda _: None, bar: tqdm | None = None, batch_docs: int = BATCH_DOCS,
        workers: int = 1, nlp: Any = None) -> IngestReport:
    """The one ingest path: admit, extract (in this process, or on ``executor``'s workers in batches of
    ``batch_docs``, results in input order), commit each batch to ``sink``, then record the rejects and
    merge. Used by ``entente ingest`` (in-process, pool, Dask) and ``POST /api/ingest``; the Parquet
    path writes partitions instead and loads them by the same admission rule."""
    options = options or CoderOptions()
    bar = bar if bar is not None else progress_bar(None, False)
    docs = _documents(_admit(items, sink.admission, report, on_problem, bar))

    def rejected(reject: Reject) -> None:
        report.rejected.append(reject)
        on_problem(reject)

    if executor is None:
        by_id: dict[str, Document] = {}

        def remember(stream: Iterable[Document]) -> Iterator[Document]:
            for d in stream:
                by_id[d.id] = d
                bar.update(1)
                yield d

        # One transaction per parse batch: a killed run loses at most the batch in hand.
        extractions = extract_documents(remember(docs), nlp=nlp or load_pipeline(model, profile=options.profile),
                                        on_reject=rejected,
                                        dictionaries=options.dictionaries, min_confidence=options.min_confidence)
        for done in _chunks(extractions, BATCH_SIZE):
            _commit(sink, [(by_id.pop(ex.id), ex) for ex in done], report)
    else:
        for batch, result in extract_batches(docs, executor, extract_batch, model=model, options=options,
                                             workers=workers, batch_docs=batch_docs):
            sent = {d.id: d for d in batch}
            _commit(sink, [(sent[ex.id], ex) for ex in result.extractions], report)
            for reject in result.rejects:
                rejected(reject)
            bar.update(len(batch))
    report.clusters = sink.finish(report.rejected)
    return report


def extract_batches(docs: Iterable[Document], executor: Any, task: Callable[..., BatchResult], *,
                    model: str | None, options: CoderOptions, workers: int, batch_docs: int = BATCH_DOCS,
                    batch_chars: int | None = BATCH_CHARS) -> Iterator[tuple[list[Document], BatchResult]]:
    """``(batch, task(batch, model, options))`` for each batch of ``docs`` (:func:`batches`), run on
    ``executor``, in input order, a few batches per worker in flight. A worker that dies raises
    :class:`~entente.orchestrator.local.WorkerCrashed` naming the batch's documents."""
    def submit(batch: list[Document]):
        return executor.submit(task, batch, model, options)

    return ordered_map(submit, batches(docs, batch_docs, batch_chars), window=WINDOW_PER_WORKER * max(1, workers),
                       crashed=describe_batch)


def describe_batch(batch: list[Document]) -> str:
    """The documents of a batch, for an error: their count, first and last id, and where they were read."""
    def one(d: Document) -> str:
        return f"{d.id} ({d.origin})" if d.origin and d.origin != d.id else d.id

    if len(batch) == 1:
        return f"the document {one(batch[0])}"
    return f"the batch of {len(batch)} documents {one(batch[0])} to {one(batch[-1])}"


def _into_store(items, db, report: IngestReport, on_problem: Problem, bar: tqdm, executor: Any,
                model: str | None, batch_docs: int, workers: int, options: CoderOptions) -> None:
    con = connect(db)
    try:
        run(items, StoreSink(con), report, executor=executor, model=model, options=options,
            on_problem=on_problem, bar=bar, batch_docs=batch_docs, workers=workers)
    finally:
        con.close()


def _commit(sink: StoreSink, pairs: list[tuple[Document, Extraction]], report: IngestReport) -> None:
    report.added += sink.commit(pairs)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _partitions(stream: Iterable[Document | Reject], size: int) -> Iterator[tuple[int, list[Document], list[Reject]]]:
    """``(index, documents, reader rejects)`` per partition of ``size`` documents."""
    index, docs, rejects = 0, [], []
    for item in stream:
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        docs.append(item)
        if len(docs) == size:
            yield index, docs, rejects
            index, docs, rejects = index + 1, [], []
    if docs or rejects:
        yield index, docs, rejects


def _to_parquet(items, folder: Path, executor: Any, report: IngestReport, on_problem: Problem, bar: tqdm,
                model: str | None, size: int, limit: int | None, workers: int, options: CoderOptions) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stream = _admit(items, Admission(), report, on_problem)
    fingerprint = options.fingerprint()  # reads the dictionaries once: partitions remember how they were coded

    def todo() -> Iterator[tuple[int, list[Document], list[Reject]]]:
        started = 0
        for index, docs, rejects in _partitions(stream, size):
            if is_done(folder, index, digest(docs, fingerprint)):
                report.partitions_skipped += 1
                bar.update(len(docs) + len(rejects))
                continue
            if limit is not None and started >= limit:
                return
            started += 1
            yield index, docs, rejects

    def submit(part: tuple[int, list[Document], list[Reject]]):
        index, docs, rejects = part
        return executor.submit(extract_partition, index, docs, str(folder), model, rejects, options, fingerprint)

    for (_, docs, rejects), result in ordered_map(submit, todo(), window=max(1, workers) + 1):
        _partition_done(result, report, on_problem)
        bar.update(len(docs) + len(rejects))


def _partition_done(result: PartitionResult, report: IngestReport, on_problem: Problem) -> None:
    report.partitions_written += 1
    for reject in result.rejects:
        report.rejected.append(reject)
        on_problem(reject)


def _load(db: str | None, folder: Path, report: IngestReport) -> None:
    con = connect(db)
    try:
        added, skipped, conflicts = load_partitions(con, folder)
        report.added += len(added)
        report.skipped += skipped
        report.rejected += conflicts
        add_rejects(con, report.rejected)
        report.clusters = merge_reports(con, added)
    finally:
        con.close()


def load_parquet(folder: str | os.PathLike[str], db: str | None = None) -> IngestReport:
    """Load the finished partitions under ``folder`` into the store at ``db``."""
    report = IngestReport()
    _load(db, Path(folder), report)
    return report


def _executor(workers: int, scheduler: str | None, dask: bool, model: str | None, options: CoderOptions) -> Any:
    if scheduler or dask:
        from entente.orchestrator.dask import dask_client

        return dask_client(scheduler, workers, model, options)
    if workers > 1:
        return process_pool(workers, model, options, preload=True)
    return InProcess()


def _shutdown(executor: Any) -> None:
    if hasattr(executor, "scheduler_info"):  # a Dask client
        from entente.orchestrator.dask import close_client

        close_client(executor)
    else:  # pending batches are dropped: after an error nothing waits for them
        executor.shutdown(wait=True, cancel_futures=True)
