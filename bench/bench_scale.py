"""Benchmark: the limit, entente's ingest, and scaling over workers.

Run:  .venv/bin/python bench/bench_scale.py [--copies 8] [--no-dask]

It replicates the sample corpus ``--copies`` times (each copy made unique, so
no document is skipped as already stored) into a JSON Lines file, then times:
1. the limit: raw ``nlp.pipe`` with entente's pipeline, 1 process and
   ``n_process=2`` (words/s);
2. ``ingest`` into a fresh store: in-process, a local pool of 1 and 2
   workers, and a Dask LocalCluster of 2 workers (to Parquet, then loaded).
Each run's wall time includes starting its workers and loading the model.
Numbers vary run to run on shared machines (±25%); read them as a range.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(copies: int, path: Path) -> tuple[int, int]:
    """Write ``copies`` unique copies of the sample; returns ``(documents, words)``."""
    rows = [json.loads(line) for line in (ROOT / "sample" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    docs = words = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for r in rows:
                text = f"{r['text']}\n\n(Copy {k}.)"
                out.write(json.dumps({**r, "id": f"{r['id']}#{k}", "text": text}) + "\n")
                docs, words = docs + 1, words + len(text.split())
    return docs, words


def machine() -> str:
    """One line: host, CPUs, Python, and the load average (other work on a shared machine skews timings)."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.node()} {platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()},"
            f" load average {load}")


def _limit(texts: list[str], n_process: int) -> float:
    from entente.extract import BATCH_SIZE
    from entente.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    list(nlp.pipe(texts[:8]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=n_process):
        pass
    return time.perf_counter() - t0


def _ingest(corpus: Path, folder: Path, name: str, **kwargs) -> float:
    from entente.pipeline import ingest

    t0 = time.perf_counter()
    report = ingest([str(corpus)], str(folder / f"{name}.duckdb"), **kwargs)
    took = time.perf_counter() - t0
    assert report.added > 0, report
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=8, help="times to replicate the 48-article sample")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="entente-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        n, words = build_corpus(args.copies, corpus)
        texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
        print(f"machine: {machine()}")
        print(f"corpus: {n} documents, {words:,} words")
        limit1, limit2 = _limit(texts, 1), _limit(texts, 2)
        print(f"limit nlp.pipe, 1 process:      {words / limit1:8,.0f} words/s")
        print(f"limit nlp.pipe, n_process=2:    {words / limit2:8,.0f} words/s")
        runs = [("in-process", {}), ("parquet, 1 worker", {"workers": 1, "parquet": folder / "pq1"}),
                ("pool, 2 workers, to store", {"workers": 2}),
                ("pool, 2 workers, parquet", {"workers": 2, "parquet": folder / "pq2"})]
        if not args.no_dask:
            runs.append(("dask LocalCluster, 2 workers", {"workers": 2, "dask": True, "parquet": folder / "pq3"}))
        base = None
        for i, (label, kwargs) in enumerate(runs):
            took = _ingest(corpus, folder, f"run{i}", **kwargs)
            base = base or took
            limit = limit1 if kwargs.get("workers", 1) == 1 else limit2
            print(f"ingest {label:30s} {words / took:8,.0f} words/s {n / took:6.1f} docs/s"
                  f"  speed-up {base / took:4.2f}  ratio to limit {limit / took:.2f}")


if __name__ == "__main__":
    main()
