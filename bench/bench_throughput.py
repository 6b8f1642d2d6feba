"""Benchmark: words/s of raw spaCy and of the whole extract, one process and every core.

Run:  .venv/bin/python bench/bench_throughput.py [--copies 4] [--repeat 3]

Over the same texts (the sample corpus replicated ``--copies`` times, each copy a new
document), in one run:
  (a) raw spaCy: the stock pipeline package entente uses (``spacy.load``, none of entente's
      components), ``nlp.pipe``, one process: what parsing alone costs a user of spaCy;
  (b) raw spaCy, ``nlp.pipe(n_process=2)``;
  (c) the whole extract in one process: ``run_extract(workers=1)``, the ``--workers 1`` path
      (read the JSONL, parse, extract, write the records);
  (d) the whole extract with the default workers: ``run_extract(workers="auto")``, the path
      ``entente extract`` takes by default (a process pool on a large enough input);
  (e) as (d) with ``--fast`` (the pipeline without its NER).
Each measure runs in a fresh Python process and is timed from after its imports to its
end: loading the pipeline (and the coder), starting workers and writing are included, the
interpreter start and imports are not. The rounds are interleaved (a b c d, a b c d, ...)
and the median of ``--repeat`` is printed, with the CPU seconds it used (its workers
included), each ratio round by round, and the load average before and after: on a shared
machine other work takes cores from (b) and (d) first. (c) and (d) must write the same bytes;
the bench checks it. The dictionaries are read from the cache folder as a user's second run
reads them (:mod:`entente.cachefile`; a first run after installing builds them, about 0.7 s).
Targets (issue 18): (d)/(a) >= 2.2; (c)/(a) >= 1.05.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_scale import build_corpus, machine  # noqa: E402  (the sample replicated, each copy a new document)

TARGET_POOL = 2.2  # (d) / (a)
TARGET_ONE = 1.05  # (c) / (a)

# Each measure, run by a fresh interpreter with argv [corpus, output]: prints {"seconds", "load"[, "workers"]}.
_RAW = """
import json, sys, time
from entente.extract import BATCH_SIZE
import spacy
from entente.nlp.pipeline import model_name
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
t0 = time.perf_counter()
nlp = spacy.load(model_name())
t1 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=N_PROCESS):
    pass
t2 = time.perf_counter()
print(json.dumps({"seconds": t2 - t0, "load": t1 - t0}))
"""
_EXTRACT = """
import json, sys, time
from pathlib import Path
from entente.cli.extract import run_extract
from entente.ingest import DEFAULT_MAX_BYTES
from entente.orchestrator.plan import parse_workers, workers_for
from entente.coding.options import CoderOptions
# run_extract's own imports (spaCy's among them) before the clock, as (a) imports spaCy first
import entente.extract, entente.pipeline, entente.orchestrator.local, entente.orchestrator.work
t0 = time.perf_counter()
run_extract((sys.argv[1],), Path(sys.argv[2]), published=None, max_bytes=DEFAULT_MAX_BYTES, model=None,
            progress=False, workers=WORKERS, options=CoderOptions(profile=PROFILE))
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "workers": workers_for(parse_workers(WORKERS), [sys.argv[1]])}))
"""
MEASURES = {
    "a": ("raw spaCy nlp.pipe, 1 process", _RAW.replace("N_PROCESS", "1")),
    "b": ("raw spaCy nlp.pipe, n_process=2", _RAW.replace("N_PROCESS", "2")),
    "c": ("whole extract, --workers 1 (in-process)", _EXTRACT.replace("WORKERS", "1").replace("PROFILE", "'full'")),
    "d": ("whole extract, --workers auto (default)",
          _EXTRACT.replace("WORKERS", "'auto'").replace("PROFILE", "'full'")),
    "e": ("whole extract, --workers auto --fast", _EXTRACT.replace("WORKERS", "'auto'").replace("PROFILE", "'fast'")),
}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(code: str, corpus: Path, output: Path) -> dict[str, float]:
    """One run in a fresh interpreter: its figures, and the CPU seconds of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-c", code, str(corpus), str(output)], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"a measure failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=4, help="times to replicate the sample corpus")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds (the median is printed)")
    ap.add_argument("--only", default="abcde", help="measures to run (default: abcde)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="entente-throughput-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        n, words = build_corpus(args.copies, corpus)
        print(f"machine: {machine()}")
        print(f"corpus: {n} documents, {words:,} words (sample x {args.copies}); "
              f"median of {args.repeat} interleaved rounds")
        print(f"load average before: {load_average()}")
        runs: dict[str, list[dict[str, float]]] = {k: [] for k in args.only}
        for _ in range(args.repeat):
            for key in args.only:
                runs[key].append(measure(MEASURES[key][1], corpus, folder / f"{key}.jsonl"))
        print(f"load average after:  {load_average()}")
        if {"c", "d"} <= set(args.only):
            same = (folder / "c.jsonl").read_bytes() == (folder / "d.jsonl").read_bytes()
            print(f"(c) and (d) wrote the same bytes: {'yes' if same else 'NO'}")
    rate = {k: words / statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    print()
    print(f"{'measure':<46} {'words/s':>9} {'seconds':>8} {'CPU s':>7}  note")
    for key, values in runs.items():
        seconds = statistics.median(r["seconds"] for r in values)
        cpu = statistics.median(r["cpu"] for r in values)
        note = ""
        if "load" in values[0]:
            note = f"pipeline load {statistics.median(r['load'] for r in values):.1f} s included"
        if "workers" in values[0]:
            note = f"{int(values[0]['workers'])} worker process(es)"
        print(f"({key}) {MEASURES[key][0]:<42} {rate[key]:>9,.0f} {seconds:>8.1f} {cpu:>7.1f}  {note}")
    print()
    for top, bottom, target in (("d", "a", TARGET_POOL), ("c", "a", TARGET_ONE), ("b", "a", None),
                                ("d", "c", None), ("e", "a", None), ("e", "d", None)):
        if top in rate and bottom in rate:
            ratio = rate[top] / rate[bottom]
            goal = f"  (target >= {target}: {'met' if ratio >= target else 'NOT met'})" if target else ""
            # each round's own ratio: the two measures ran minutes apart at most, so drift in the
            # machine's speed between rounds shows here rather than in the medians above
            rounds = " ".join(f"{b['seconds'] / t['seconds']:.2f}" for t, b in zip(runs[top], runs[bottom]))
            print(f"({top})/({bottom}) = {ratio:.2f}{goal}; round by round: {rounds}")


if __name__ == "__main__":
    main()
