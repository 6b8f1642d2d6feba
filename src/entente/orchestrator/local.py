"""Executors and the bounded, in-order map over batches.

An executor is anything with ``submit(fn, *args) -> future`` (``.result()``):
:class:`InProcess`, a :class:`concurrent.futures.ProcessPoolExecutor` made by
:func:`process_pool`, or a Dask ``Client``. :func:`ordered_map` keeps at most
``window`` batches in flight, so the input is never read ahead of the work
and memory stays flat however long the corpus is. A worker that dies (killed, out of
memory) breaks the pool: :func:`ordered_map` then raises :class:`WorkerCrashed` naming the
earliest batch not finished, never waits.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, TypeVar

from entente.coding.options import CoderOptions
from entente.errors import E149_WORKER_CRASHED, EntenteError
from entente.orchestrator.work import die_with_parent, warm, warm_quietly
from entente.settings import settings

T = TypeVar("T")
# "spawn" turns the preloaded, forked pool off (every worker then starts and loads on its own).


class InProcess:
    """Runs each task at once in this process (the one-worker case)."""

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # re-raised by .result(), as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to release."""


class WorkerCrashed(EntenteError):
    """A worker process stopped without an answer (killed, out of memory, a crash in native code)."""

    code = E149_WORKER_CRASHED


def process_pool(workers: int, model: str | None = None, options: CoderOptions | None = None, *,
                 preload: bool = False) -> ProcessPoolExecutor:
    """``workers`` processes, each loading the spaCy pipeline and the coder for ``options``
    (a user's dictionaries) once at start.

    ``spawn`` rather than ``fork`` by default: the parent may hold a DuckDB connection and
    threads (tqdm), which must not be copied into children. A pipeline that cannot load
    does not break the pool: the first task raises its error (``PipelineError``) as it
    would in one process.

    ``preload`` (Linux, where ``fork`` is safe): load the pipeline and the coder here, once,
    then fork every worker at once, now, before the caller opens a store or draws a bar; the
    workers inherit them (no interpreter start, import or load per worker: ~3 s of CPU each).
    A pipeline that cannot load raises its error here.

    Workers die with this process (Linux: :func:`~entente.orchestrator.work.die_with_parent`), so
    call :meth:`submit` from the main thread: a worker is tied to the thread that started it.
    """
    if preload and sys.platform == "linux" and settings().start_method == "fork":
        warm(model, options)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=die_with_parent, initargs=(os.getpid(),))
        pool.submit(int).result()  # with fork, the first task starts every worker
        return pool
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=warm_quietly, initargs=(model, options, os.getpid()))


def ordered_map(submit: Callable[[T], Future], tasks: Iterable[T], window: int,
                crashed: Callable[[T], str] = lambda _: "a batch") -> Iterator[tuple[T, Any]]:
    """``(task, result)`` for each task, in input order, ``window`` in flight at most.

    A task's own exception is raised as it is; a broken pool (a worker died) raises
    :class:`WorkerCrashed` with ``crashed(task)`` (what the task held) for the earliest task
    without a result.
    """
    pending: deque[tuple[T, Future]] = deque()

    def result(task: T, future: Future) -> Any:
        try:
            return future.result()
        except BrokenExecutor as exc:
            raise WorkerCrashed(f"{WorkerCrashed.code} a worker process stopped without finishing "
                                f"{crashed(task)} (killed, or out of memory?); results after the "
                                f"previous batch were not kept") from exc

    for task in tasks:
        pending.append((task, submit(task)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, result(done, future)
    while pending:
        done, future = pending.popleft()
        yield done, result(done, future)
