"""Executors and the bounded in-order map (no model needed)."""

from __future__ import annotations

import pytest

from entente.orchestrator.local import InProcess, ordered_map


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
