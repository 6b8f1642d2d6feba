"""Benchmark: spaCy's limit, the whole extract, and the event coder alone.

Run:  .venv/bin/python bench/bench_extract.py [--copies 4]

It replicates the sample corpus ``--copies`` times, then measures on one process:
1. the limit: raw ``nlp.pipe`` with the same pipeline (words/s);
2. entente's whole extract (documents/s, words/s, ratio to the limit);
3. coding alone: the event coder over already-parsed documents (sentences/s).
Numbers vary run to run on shared machines; read them as a range.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from entente.coding.coder import Context, build_sides, code_events
from entente.coding.dedup import dedup_events
from entente.dictionary import default_dictionary
from entente.extract import BATCH_SIZE, extract_doc
from entente.nlp.pipeline import load_pipeline
from entente.nlp.sectors import sector_words
from entente.records import Document

ROOT = Path(__file__).resolve().parents[1]


def _corpus(copies: int) -> list[Document]:
    rows = [json.loads(line) for line in (ROOT / "sample" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    return [Document(id=f"{r['id']}#{k}", text=r["text"], published=r.get("published"))
            for k in range(copies) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=4, help="times to replicate the 48-article sample")
    args = ap.parse_args()
    docs = _corpus(args.copies)
    words = sum(len(d.text.split()) for d in docs)
    nlp = load_pipeline()
    dictionary, sw = default_dictionary(), sector_words()
    list(nlp.pipe([d.text for d in docs[:8]]))  # warm up

    t0 = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=BATCH_SIZE))
    limit = time.perf_counter() - t0

    t0 = time.perf_counter()
    extractions = [extract_doc(doc, d, nlp, dictionary, sw) for doc, d in zip(parsed, docs)]
    post = time.perf_counter() - t0
    whole = limit + post

    sentences = sum(1 for doc in parsed for _ in doc.sents)
    t0 = time.perf_counter()
    for doc, ex in zip(parsed, extractions):
        from entente.nlp.countries import find_countries
        sides = build_sides(doc, ex.actors, find_countries(doc, nlp, dictionary), ex.places, ex.quotes)
        dedup_events(code_events(doc, Context(sides, ex.places, ex.dates, ex.money, ex.quotes, ex.published)))
    coding = time.perf_counter() - t0

    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}")
    print(f"corpus: {len(docs)} documents, {words:,} words, {sentences:,} sentences")
    print(f"limit (nlp.pipe, 1 process):  {words / limit:8,.0f} words/s")
    print(f"whole extract (1 process):    {words / whole:8,.0f} words/s  {len(docs) / whole:6.1f} docs/s"
          f"  ratio to limit {limit / whole:.2f}")
    print(f"event coding alone:           {sentences / coding:8,.0f} sentences/s")
    print(f"events coded: {sum(len(e.events) for e in extractions)}")


if __name__ == "__main__":
    main()
