"""Kill -9 at random points during ingest and import, rerun, compare with an uninterrupted run.

Run:  .venv/bin/python scripts/crash_test.py [--rounds 5] [--seed 1]

For each round it starts `entente ingest` (the sample corpus) or `entente import gdelt`
(the GDELT 2.0 sample, if ../shared is present) on a fresh store, kills it with SIGKILL
after a random delay, reruns the same command to completion, and checks that the store
holds exactly what an uninterrupted run holds (documents, event ids, evidence) and that
`entente check` passes. Prints one line per round and a summary.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sample" / "corpus.jsonl"
GDELT = ROOT.parent / "shared" / "data" / "samples" / "gdelt2" / "20191024143000.export.CSV"


def _cmd(kind: str, db: Path) -> list[str]:
    base = [sys.executable, "-m", "entente"]
    if kind == "ingest":
        return base + ["ingest", str(CORPUS), "--db", str(db), "--no-progress"]
    return base + ["import", "gdelt", str(GDELT), "--db", str(db)]


def _snapshot(db: Path) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return (
            tuple(r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()),
            tuple(r[0] for r in con.execute("SELECT event_id FROM events ORDER BY 1").fetchall()),
            con.execute("SELECT count(*) FROM evidence").fetchone()[0],
            con.execute("SELECT count(*) FROM mentions").fetchone()[0],
        )
    finally:
        con.close()


def _round(kind: str, tmp: Path, reference: tuple, rng: random.Random, n: int) -> bool:
    db = tmp / f"{kind}-{n}.duckdb"
    proc = subprocess.Popen(_cmd(kind, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    delay = rng.uniform(1.0, 6.5) if kind == "ingest" else rng.uniform(0.2, 1.2)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    subprocess.run(_cmd(kind, db), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    same = _snapshot(db) == reference
    check = subprocess.run([sys.executable, "-m", "entente", "check", "--db", str(db)],
                           capture_output=True, text=True).returncode == 0
    print(f"{kind:<6} round {n}: killed after {delay:4.1f} s: {'yes' if killed else 'finished first'}; "
          f"rerun equals uninterrupted: {same}; check: {'ok' if check else 'FAILED'}")
    return same and check


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    kinds = ["ingest"] + (["import"] if GDELT.exists() else [])
    ok = total = 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for kind in kinds:
            ref_db = tmp / f"{kind}-reference.duckdb"
            subprocess.run(_cmd(kind, ref_db), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            reference = _snapshot(ref_db)
            for n in range(args.rounds):
                total += 1
                ok += _round(kind, tmp, reference, rng, n)
    print(f"{ok}/{total} interrupted runs ended equal to an uninterrupted run and passed `entente check`")
    return 0 if ok == total else 1


if __name__ == "__main__":
    sys.exit(main())
