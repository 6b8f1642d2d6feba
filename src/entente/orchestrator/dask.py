"""A Dask distributed client: a running scheduler, or a LocalCluster.

Workers hold the spaCy pipeline (loaded once per worker process, warmed when
the client connects) and get whole partitions, so the per-task overhead of
Dask is paid once per partition, not once per document.
"""

from __future__ import annotations

from typing import Any

from entente.coding.options import CoderOptions
from entente.errors import PipelineError
from entente.orchestrator.work import warm


def dask_client(scheduler: str | None, workers: int, model: str | None = None,
                options: CoderOptions | None = None) -> Any:
    """A connected ``distributed.Client`` with the pipeline and the coder for ``options`` warm on
    every worker (a worker that joins later loads them with its first task).

    With ``scheduler`` (``tcp://host:8786``) it joins that cluster; without, it
    starts a LocalCluster of ``workers`` single-threaded worker processes.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # an optional dependency
        raise PipelineError("the Dask path needs `pip install \"dask[distributed]\"`") from exc
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    client.run(warm, model, options)
    return client


def close_client(client: Any) -> None:
    """Close the client, and the LocalCluster if this process started it."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()
