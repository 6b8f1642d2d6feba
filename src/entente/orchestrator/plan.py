"""How many worker processes a run uses, and how its documents are cut into batches.

``--workers auto`` (the default of ``entente extract`` and ``entente ingest``) is
:func:`choose_workers`: one process for a small input (a pool costs about as much as it
saves on a few dozen articles), else one worker per usable core, no more than the input
keeps busy or the memory holds. The
input is counted cheaply and only as far as the choice needs (:func:`estimate_documents`).
Batches (:func:`batches`) are cut by documents and by characters, so a worker's task is
about a second of parsing whatever the length of the documents.
"""

from __future__ import annotations

import os
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Protocol, TypeVar

# An input with fewer documents than this runs in one process under ``auto``. A pool costs
# ~1 s of CPU more than one process when its workers are forked from a parent that loaded the
# pipeline (bench_throughput.py: 31.9 against 30.9 CPU s for 624 documents), ~3 s per worker
# when each starts and loads on its own (spawn); 2 workers save half of ~50 ms per article-sized
# document, so they gain from about 40 documents on.
AUTO_MIN_DOCUMENTS = 48
# ``auto`` gives each worker at least this many documents (a 60-document input gets 2).
DOCS_PER_WORKER = 24
# Memory one worker holds (the sm pipeline, the coder, a batch and its records; bench_memory.py
# measured ~270 MiB a process): ``auto`` starts no more workers than the available memory holds.
WORKER_MEMORY = 400 * 2**20
# A batch (one task for a worker): at most this many documents and, past its first document,
# this many characters (~0.7 s of parse on one core for news articles). Small enough that the
# workers finish together (a corpus is at least ~4 batches per worker when its size is known),
# large enough that pickling and scheduling stay a small share of the task.
BATCH_DOCS = 32
BATCH_CHARS = 16_000
BATCHES_PER_WORKER = 4
# Batches in flight per worker: enough that a slow batch does not idle the other workers
# while results wait to be written in input order; few enough that reading stays lazy.
WINDOW_PER_WORKER = 4


class _Text(Protocol):
    @property
    def text(self) -> str: ...


D = TypeVar("D", bound=_Text)


def parse_workers(value: str | int) -> int | None:
    """``"auto"`` -> ``None``; a positive integer (or its digits) -> itself; otherwise ``ValueError``."""
    if isinstance(value, str):
        if value.strip().lower() == "auto":
            return None
        try:
            value = int(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not 'auto' or a number of worker processes") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{value!r} is not 'auto' or a number of worker processes (1 or more)")
    return value


def choose_workers(requested: int | None, documents: int | None, cpus: int,
                   memory: int | None = None) -> int:
    """The worker processes for a run (a pure function: the caller measures the machine).

    requested: ``--workers N`` (returned as is), or ``None`` for ``auto``.
    documents: the documents in the input, or a lower bound of them (:func:`estimate_documents`);
        ``None`` when unknown.
    cpus: usable cores (:func:`usable_cpus`); memory: available bytes, or ``None`` when unknown.
    ``auto`` is 1 below :data:`AUTO_MIN_DOCUMENTS`, else the cores, capped so each worker gets
    :data:`DOCS_PER_WORKER` documents and :data:`WORKER_MEMORY` of memory.
    """
    if requested is not None:
        return requested
    if documents is not None and documents < AUTO_MIN_DOCUMENTS:
        return 1
    n = cpus
    if documents is not None:
        n = min(n, documents // DOCS_PER_WORKER)
    if memory is not None:
        n = min(n, memory // WORKER_MEMORY)
    return max(1, n)


def usable_cpus() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it, else the count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def available_memory() -> int | None:
    """Bytes of memory available to new processes (Linux ``MemAvailable``), or ``None``."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def estimate_documents(paths: Iterable[str], enough: int) -> int:
    """The documents under ``paths``, counted only until ``enough`` (then ``enough`` is returned).

    JSON Lines files count their non-blank lines; any other file counts 1 (a feed may hold more:
    a lower bound); folders are walked as the reader walks them. Cheap: no file is parsed.
    """
    count = 0
    for path in paths:
        count += _count(Path(path), enough - count)
        if count >= enough:
            return enough
    return count


def _count(path: Path, limit: int) -> int:
    try:
        if path.is_dir():
            count = 0
            for root, _, files in os.walk(path):
                for name in sorted(files):
                    count += _count(Path(root) / name, limit - count)
                    if count >= limit:
                        return count
            return count
        if not path.exists():
            return 0
        if path.suffix.lower() in (".jsonl", ".ndjson") and path.is_file():
            with path.open("rb") as fh:
                return sum(1 for _ in islice((line for line in fh if line.strip()), limit))
    except OSError:
        return 0
    return 1


def workers_for(requested: int | None, paths: Iterable[str]) -> int:
    """:func:`choose_workers` for ``paths`` on this machine (counts the input only under ``auto``)."""
    if requested is not None:
        return requested
    cpus = usable_cpus()
    if cpus == 1:
        return 1
    enough = max(AUTO_MIN_DOCUMENTS, cpus * DOCS_PER_WORKER)
    return choose_workers(None, estimate_documents(paths, enough), cpus, available_memory())


def batch_docs_for(documents: int | None, workers: int) -> int:
    """Documents per batch: :data:`BATCH_DOCS`, fewer when a known input would otherwise give a
    worker fewer than :data:`BATCHES_PER_WORKER` batches (so no worker waits long for the last)."""
    if documents is None or workers <= 1:
        return BATCH_DOCS
    return max(1, min(BATCH_DOCS, -(-documents // (workers * BATCHES_PER_WORKER))))


def batches(docs: Iterable[D], max_docs: int = BATCH_DOCS,
            max_chars: int | None = BATCH_CHARS) -> Iterator[list[D]]:
    """``docs`` in input order, cut into lists of at most ``max_docs`` documents and, once a list
    holds a document, at most ``max_chars`` characters (a longer document goes alone)."""
    batch: list[D] = []
    chars = 0
    for doc in docs:
        size = len(doc.text)
        if batch and (len(batch) >= max_docs or (max_chars is not None and chars + size > max_chars)):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += size
    if batch:
        yield batch
