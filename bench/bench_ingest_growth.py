"""Benchmark: ingest time per document as the store grows (1k, 10k, 100k stored events).

Run:  .venv/bin/python bench/bench_ingest_growth.py [--sizes 1000,10000,100000] [--docs 24] [--repeat 3]

For each size a synthetic store is built with set-based SQL (``bench_web.build``: events among 20
countries, one in five a further report of the one before). Then ``--docs`` documents of the sample
corpus, extracted once beforehand, are stored through the ingest path's sink
(:class:`entente.pipeline.StoreSink`: admission, the Arrow writer in batches, rejects, the
cross-document merge), on a fresh copy of the store each time. The time per document of that store
part, and of the merge alone, is printed (median of ``--repeat``). Extraction is left out: it does
not depend on the store, and it would hide the part that does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import build  # noqa: E402

from entente.extract import extract_documents  # noqa: E402
from entente.nlp.pipeline import load_pipeline  # noqa: E402
from entente.pipeline import StoreSink  # noqa: E402
from entente.records import Document  # noqa: E402
from entente.store import connect  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BATCH = 8  # documents per commit, as the in-process path commits per parse batch


def sample_pairs(n: int) -> list[tuple[Document, object]]:
    docs = []
    with open(ROOT / "sample" / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append(Document(id=f"bench-{r['id']}", text=r["text"], title=r.get("title"),
                                 published=r.get("published"), origin="bench"))
            if len(docs) == n:
                break
    by_id = {d.id: d for d in docs}
    return [(by_id[ex.id], ex) for ex in extract_documents(docs, nlp=load_pipeline())]


def time_store(db: Path, pairs) -> tuple[float, float]:
    """Seconds for the whole store part, and for the merge alone."""
    con = connect(db)
    try:
        sink = StoreSink(con)
        start = time.perf_counter()
        for i in range(0, len(pairs), BATCH):
            sink.commit([(d, ex) for d, ex in pairs[i:i + BATCH] if sink.admission.decide(d) is True])
        before_merge = time.perf_counter()
        sink.finish([])
        end = time.perf_counter()
    finally:
        con.close()
    return end - start, end - before_merge


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--docs", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/bench_ingest_growth"))
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
          f" load average {os.getloadavg()[0]:.2f}")
    pairs = sample_pairs(args.docs)
    print(f"{len(pairs)} sample documents extracted beforehand; batches of {BATCH}; median of {args.repeat}")
    print(f"{'stored events':>14} {'store ms/doc':>13} {'merge ms/doc':>13}")
    for size in (int(s) for s in args.sizes.split(",")):
        base = args.dir / f"base-{size}.duckdb"
        if not base.exists():
            build(base, size, docs=max(size // 5, 1))
        whole, merge = [], []
        for _ in range(args.repeat):
            copy = args.dir / "run.duckdb"
            shutil.copy(base, copy)
            w, m = time_store(copy, pairs)
            whole.append(w)
            merge.append(m)
        per = 1000 / len(pairs)
        print(f"{size:>14,} {statistics.median(whole) * per:>13.1f} {statistics.median(merge) * per:>13.1f}")


if __name__ == "__main__":
    main()
