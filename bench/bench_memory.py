"""Benchmark: peak memory as the corpus grows (1k, 10k, 100k documents).

Run:  .venv/bin/python bench/bench_memory.py [--sizes 1000 10000 100000] [--cap 60] [--workers 2]

For each size it writes that many unique documents (the sample corpus,
replicated) to a JSON Lines file in a temporary folder, then measures two
things in child processes, sampling the resident memory (RSS) of the whole
process tree (parent and workers) every 0.2 s:
1. reading: the whole input streamed through the reader and the batcher,
   with no parsing (every document; shows nothing is held per document);
2. ingest: ``entente ingest --workers N`` into a fresh store, stopped after
   ``--cap`` seconds (a full 100k-document ingest takes hours on 2 cores);
   it prints the documents stored in that time and the peak RSS.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import build_corpus, machine  # noqa: E402

READ_ONLY = """
import sys
from entente.ingest import read_inputs
from entente.pipeline import IngestReport, _admit, _chunks, _documents
from entente.store.bulk import Admission
n = sum(len(b) for b in _chunks(_documents(_admit(read_inputs([sys.argv[1]]), Admission(), IngestReport(),
                                                  lambda _: None)), 32))
print(n)
"""


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _watch(cmd: list[str], cap: float | None) -> tuple[float, int]:
    """Run ``cmd``; returns ``(seconds, peak tree RSS in bytes)``, stopping it after ``cap`` s."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    proc, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        peak = max(peak, _tree_rss(proc))
        if cap is not None and time.perf_counter() - t0 > cap:
            for p in [*proc.children(recursive=True), proc]:
                try:
                    p.kill()
                except psutil.Error:
                    pass
            child.wait()
            break
        time.sleep(0.2)
    return time.perf_counter() - t0, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--cap", type=float, default=60.0, help="seconds of ingest per size")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    print(f"machine: {machine()}")
    entente = str(Path(sys.executable).with_name("entente"))
    with tempfile.TemporaryDirectory(prefix="entente-mem-") as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"corpus{size}.jsonl"
            n, words = build_corpus(-(-size // 48), corpus)
            lines = corpus.read_text(encoding="utf-8").splitlines()[:size]
            corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
            took, read_peak = _watch([sys.executable, "-c", READ_ONLY, str(corpus)], None)
            db = Path(tmp) / f"store{size}.duckdb"
            secs, peak = _watch([entente, "ingest", str(corpus), "--db", str(db), "--no-progress",
                                 "--workers", str(args.workers)], args.cap)
            con = duckdb.connect(str(db), read_only=True)
            stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
            print(f"{size:>7,} docs ({corpus.stat().st_size / 1e6:6.1f} MB): read all in {took:5.1f} s, "
                  f"peak {read_peak / 2**20:5.0f} MiB | ingest {args.workers} workers {secs:5.1f} s: "
                  f"{stored:,} stored, peak {peak / 2**20:5.0f} MiB (all processes)")
            db.unlink()
            corpus.unlink()


if __name__ == "__main__":
    main()
