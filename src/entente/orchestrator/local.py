"""Executors and the bounded, in-order map over batches.

An executor is anything with ``submit(fn, *args) -> future`` (``.result()``):
:class:`InProcess`, a :class:`concurrent.futures.ProcessPoolExecutor` made by
:func:`process_pool`, or a Dask ``Client``. :func:`ordered_map` keeps at most
``window`` batches in flight, so the input is never read ahead of the work
and memory stays flat however long the corpus is.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, TypeVar

from entente.coding.options import CoderOptions
from entente.orchestrator.work import warm

T = TypeVar("T")


class InProcess:
    """Runs each task at once in this process (the one-worker case)."""

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # re-raised by .result(), as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self) -> None:
        """Nothing to release."""


def process_pool(workers: int, model: str | None = None, options: CoderOptions | None = None) -> ProcessPoolExecutor:
    """``workers`` processes, each loading the spaCy pipeline and the coder for ``options``
    (a user's dictionaries) once at start.

    ``spawn`` rather than ``fork``: the parent holds a DuckDB connection and
    threads (tqdm), which must not be copied into children.
    """
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=warm, initargs=(model, options))


def ordered_map(submit: Callable[[T], Future], tasks: Iterable[T], window: int) -> Iterator[tuple[T, Any]]:
    """``(task, result)`` for each task, in input order, ``window`` in flight at most."""
    pending: deque[tuple[T, Future]] = deque()
    for task in tasks:
        pending.append((task, submit(task)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()
