"""Benchmark: spaCy's attribute_ruler against entente's fast one (issue 18, item 2).

Run:  .venv/bin/python bench/bench_attribute_ruler.py [--rounds 5] [--extract-rounds 3] [--copies 1]

Both pipelines come from ``load_pipeline`` in one process (``speedups``
False / True) and run over the sample corpus (replicated ``--copies`` times),
interleaved (ABBA order) so drift from other jobs hits both alike. Prints medians of:
1. the component alone: microseconds per token over copies of documents parsed up to it;
2. ``nlp.pipe`` words/s, each pipeline (the limit);
3. the whole extract (``extract_documents``) words/s, each pipeline (``--extract-rounds 0`` skips it),
and the load average before and after. On a shared machine read the per-round ratios too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from entente.extract import BATCH_SIZE, extract_documents
from entente.nlp.pipeline import load_pipeline
from entente.records import Document

ROOT = Path(__file__).resolve().parents[1]


def _corpus(copies: int) -> list[Document]:
    rows = [json.loads(line) for line in (ROOT / "sample" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [Document(id=f"{r['id']}#{k}", text=r["text"], published=r.get("published"))
            for k in range(copies) for r in rows]


def _interleaved(rounds: int, runs: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Seconds per run for each name, alternating the order every round."""
    names = list(runs)
    out: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            out[name].append(runs[name]())
    return out


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _report(label: str, unit: float, times: dict[str, list[float]], per: str) -> None:
    stock, fast = statistics.median(times["stock"]), statistics.median(times["fast"])
    ratios = " ".join(f"{s / f:.3f}" for s, f in zip(times["stock"], times["fast"]))
    print(f"{label}: stock {unit / stock:10,.0f} {per}   fast {unit / fast:10,.0f} {per}"
          f"   speed-up x{stock / fast:.3f}  (per round {ratios})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=1, help="times to replicate the sample corpus")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds for the component and nlp.pipe")
    ap.add_argument("--extract-rounds", type=int, default=3, help="interleaved rounds of the whole extract")
    args = ap.parse_args()
    docs = _corpus(args.copies)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pipes = {"stock": load_pipeline(speedups=False), "fast": load_pipeline()}
    for nlp in pipes.values():
        list(nlp.pipe(texts[:8]))  # warm up (and fill the fast ruler's cache as a long run would)

    nlp = pipes["fast"]
    before = nlp.pipe_names[:nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=before):
        parsed = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    tokens = sum(len(doc) for doc in parsed)
    print(f"corpus: {len(docs)} documents, {words:,} words, {tokens:,} tokens")

    def component(name: str) -> Callable[[], float]:
        ruler = pipes[name].get_pipe("attribute_ruler")

        def run() -> float:
            copies = [doc.copy() for doc in parsed]
            return _timed(lambda: [ruler(doc) for doc in copies])
        return run

    times = _interleaved(args.rounds, {name: component(name) for name in pipes})
    stock, fast = statistics.median(times["stock"]), statistics.median(times["fast"])
    print(f"component alone: stock {stock / tokens * 1e6:6.2f} us/token   fast {fast / tokens * 1e6:6.2f} us/token"
          f"   speed-up x{stock / fast:.1f}")

    def pipe(name: str) -> Callable[[], float]:
        return lambda: _timed(lambda: list(pipes[name].pipe(texts, batch_size=BATCH_SIZE)))

    _report("nlp.pipe      ", words, _interleaved(args.rounds, {name: pipe(name) for name in pipes}), "words/s")

    if args.extract_rounds:
        for nlp in pipes.values():  # the coder and its dictionaries load on the first call
            list(extract_documents(docs[:8], nlp=nlp))

        def extract(name: str) -> Callable[[], float]:
            return lambda: _timed(lambda: list(extract_documents(docs, nlp=pipes[name])))

        _report("whole extract ", words, _interleaved(args.extract_rounds, {name: extract(name) for name in pipes}),
                "words/s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
