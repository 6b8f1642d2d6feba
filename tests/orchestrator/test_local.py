"""Executors, the bounded in-order map and a worker that dies (no model needed)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from entente.orchestrator.local import InProcess, WorkerCrashed, ordered_map


def test_local_ordered_map_keeps_order_and_bounds_reading():
    read = []

    def tasks():
        for i in range(10):
            read.append(i)
            yield i

    done = InProcess()
    out = []
    for task, result in ordered_map(lambda t: done.submit(lambda x: x * x, t), tasks(), window=3):
        out.append(result)
        assert len(read) - len(out) <= 3  # never reads more than the window ahead
    assert out == [i * i for i in range(10)]


def test_local_in_process_reraises_from_result():
    future = InProcess().submit(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        future.result()


def _exit_on_three(x: int) -> int:
    if x == 3:
        os._exit(1)  # a worker killed mid-task (out of memory, kill -9)
    return x


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_local_a_dead_worker_raises_a_coded_error_naming_the_task(method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
    try:
        out = []
        with pytest.raises(WorkerCrashed, match=r"E149 a worker process stopped without finishing task 3\b"):
            for _, result in ordered_map(lambda t: pool.submit(_exit_on_three, t), range(6), window=2,
                                         crashed=lambda t: f"task {t}"):
                out.append(result)
        assert out == [0, 1, 2]  # the results before the dead task were kept, in order
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
