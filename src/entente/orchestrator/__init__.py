"""One place for batching and parallelism: in-process, a local pool, or Dask.

- :mod:`entente.orchestrator.work`: what a worker does with a batch of
  documents (parse, extract; optionally write a Parquet partition).
- :mod:`entente.orchestrator.local`: executors (in-process, process pool) and
  the bounded, in-order map that keeps memory flat.
- :mod:`entente.orchestrator.dask`: a Dask distributed client (a scheduler
  address, or a LocalCluster).
Storage stays in the store layer: :mod:`entente.store.bulk` writes batches of
extractions, :mod:`entente.store.parquet` writes partitions on disk (resumable)
and loads them into the store.
"""
