"""Benchmark: dictionary load, event coding with the full dictionaries, whole extract vs raw spaCy.

Run:  .venv/bin/python bench/bench_coder.py [--repeat 3] [--no-dev]

1. Dictionary load, cold: a fresh Python process per run reads and compiles the packaged
   CAMEO 2.0 verbs, the Phoenix agents and the three Phoenix actor files
   (``src/entente/data/lexicon/``); the import of entente and spaCy is timed apart.
2. Event coding alone: the corpus is parsed once and its actors, places and quotes found
   once; then only ``build_sides`` + ``code_events`` (default lexicon: entente's rules,
   then the CAMEO 2.0 verb dictionary) run over every sentence. For comparison, the same
   with entente's rules layer alone, and the dictionary path of ``bench/petrarch_suite.py``
   (Phoenix actors and agents tagged by ``tag_actors``, then ``code_events``).
3. Whole extract vs raw spaCy: ``nlp.pipe`` over the texts and ``extract_documents`` over
   the same documents, with the same pipeline, in the same run.

Every figure is the median of ``--repeat`` runs. The corpus is ``sample/corpus.jsonl`` plus
the texts of ``shared/eval/dev/*.json`` when present. Targets (issue): coding >= 1,000
sentences/s; whole extract >= 0.8 of raw spaCy words/s; dictionary load <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"

TARGET_SENTENCES_S = 1_000
TARGET_RATIO = 0.8
TARGET_LOAD_S = 2.0

# Run in a fresh interpreter: prints {"import": s, "verbs": s, "agents": s, "actors": s}.
_COLD_LOAD = """
import json, time
t0 = time.perf_counter()
from entente.lexicon.load import load_actors, load_agents, load_verbs
t1 = time.perf_counter()
load_verbs()
t2 = time.perf_counter()
load_agents()
t3 = time.perf_counter()
load_actors()
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "verbs": t2 - t1, "agents": t3 - t2, "actors": t4 - t3}))
"""


def _load() -> tuple[float, float, float]:
    return os.getloadavg()


def _median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def corpus(with_dev: bool):
    from entente.records import Document

    rows = [json.loads(line) for line in (ROOT / "sample" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    docs = [Document(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]
    if with_dev and DEV.is_dir():
        for path in sorted(DEV.glob("*.json")):
            r = json.loads(path.read_text(encoding="utf-8"))
            docs.append(Document(id=f"dev-{r['id']}", text=r["text"], published=r.get("published")))
    return docs


def cold_load(repeat: int) -> dict[str, float]:
    """Median seconds per part over ``repeat`` fresh processes."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _COLD_LOAD], check=True, capture_output=True, text=True,
                             cwd=ROOT)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    parts = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    parts["load"] = statistics.median(r["verbs"] + r["agents"] + r["actors"] for r in runs)
    return parts


def coding(docs, parsed, nlp, repeat: int) -> tuple[int, dict[str, float], int]:
    """(sentences, median seconds per way of coding, events coded by the default lexicon)."""
    from entente.coding.arguments import Sides
    from entente.coding.coder import Context, build_sides, code_events
    from entente.coding.layers import Lexicon, default_lexicon, rule_layer
    from entente.dictionary import default_dictionary
    from entente.lexicon.load import load_actors, load_agents
    from entente.lexicon.tagging import tag_actors
    from entente.nlp.actors import find_actors
    from entente.nlp.countries import find_countries, rank_countries
    from entente.nlp.dates import find_dates
    from entente.nlp.money_doc import find_money
    from entente.nlp.places import find_places
    from entente.nlp.quotes import find_quotes
    from entente.nlp.sectors import sector_words

    dictionary, words, lexicon = default_dictionary(), sector_words(), default_lexicon()
    actors_p, agents_p = load_actors(), load_agents()
    inputs = []  # everything build_sides and Context need, found once, untimed
    for doc, d in zip(parsed, docs):
        mentions = find_countries(doc, nlp, dictionary)
        actors = find_actors(doc, mentions, dictionary, words, d.published)
        countries = rank_countries(mentions, [a.country for a in actors if a.country in dictionary.countries])
        places = find_places(doc, countries, country_forms=dictionary.country_forms)
        quotes = find_quotes(doc, actors)
        dates = find_dates(doc, d.published)
        money = find_money(doc, mentions, actors, countries, int(d.published[:4]) if d.published else None)
        inputs.append((doc, d.published, mentions, actors, places, quotes, dates, money))
    sentences = sum(1 for doc in parsed for _ in doc.sents)
    counted: list[int] = []

    def sides_and_events(lex: Lexicon) -> None:
        n = 0
        for doc, date, mentions, actors, places, quotes, dates, money in inputs:
            sides = build_sides(doc, actors, mentions, places, quotes, lex)
            n += len(code_events(doc, Context(sides, places, dates, money, quotes, date), lex))
        counted.append(n)

    rules_only = Lexicon((rule_layer(),))

    def dictionary_path() -> None:
        nouns = lexicon.noun_lemmas()
        for doc, date, *_ in inputs:
            sides = Sides(doc, event_nouns=nouns)
            for a in tag_actors(doc, actors_p, agents_p, date):
                for i in range(a.start, a.end):
                    sides.country[i] = (a.country, a.name)
                sides.codes[(a.country, a.name)] = a.code
            code_events(doc, Context(sides, (), (), (), (), date), lexicon)

    sides_and_events(lexicon)  # warm up (first use of lazily loaded tables)
    dictionary_path()
    times = {"default": _median_time(lambda: sides_and_events(lexicon), repeat)}
    events = counted[-1]
    times["rules"] = _median_time(lambda: sides_and_events(rules_only), repeat)
    times["dictionary"] = _median_time(dictionary_path, repeat)
    return sentences, times, events


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is printed)")
    ap.add_argument("--no-dev", action="store_true", help="only the sample corpus, not shared/eval/dev")
    args = ap.parse_args()
    load_start = _load()

    parts = cold_load(args.repeat)

    from entente.extract import BATCH_SIZE, extract_documents
    from entente.nlp.pipeline import shared_pipeline

    docs = corpus(not args.no_dev)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp = shared_pipeline()
    list(extract_documents(docs[:8], nlp=nlp))  # warm up the pipeline and every lazily loaded table

    parsed = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    sentences, times, events = coding(docs, parsed, nlp, args.repeat)
    code_s = times["default"]

    raw_times, whole_times = [], []
    for _ in range(args.repeat):  # interleaved, so drifting load hits both alike
        raw_times.append(_median_time(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)), 1))
        whole_times.append(_median_time(lambda: list(extract_documents(docs, nlp=nlp)), 1))
    raw_s, whole_s = statistics.median(raw_times), statistics.median(whole_times)
    load_end = _load()

    ratio = raw_s / whole_s
    rows = [
        ("dictionary load, cold (verbs + agents + 3 actor files)", f"{parts['load']:.2f} s",
         f"<= {TARGET_LOAD_S:.0f} s", parts["load"] <= TARGET_LOAD_S),
        ("  CAMEO 2.0 verbs (read + compile)", f"{parts['verbs']:.2f} s", "", None),
        ("  Phoenix agents", f"{parts['agents']:.2f} s", "", None),
        ("  Phoenix actors (3 files)", f"{parts['actors']:.2f} s", "", None),
        ("  (import of entente.lexicon + spaCy, not counted)", f"{parts['import']:.2f} s", "", None),
        ("event coding: build_sides + code_events", f"{sentences / code_s:,.0f} sent/s",
         f">= {TARGET_SENTENCES_S:,} sent/s", sentences / code_s >= TARGET_SENTENCES_S),
        ("  the same, rules layer only (no verb dictionary)", f"{sentences / times['rules']:,.0f} sent/s", "", None),
        ("  dictionary path: tag_actors + code_events", f"{sentences / times['dictionary']:,.0f} sent/s", "", None),
        ("raw spaCy: nlp.pipe", f"{words / raw_s:,.0f} words/s", "", None),
        ("whole extract: extract_documents", f"{words / whole_s:,.0f} words/s", "", None),
        ("whole extract / raw spaCy", f"{ratio:.2f}", f">= {TARGET_RATIO}", ratio >= TARGET_RATIO),
    ]
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cpus, "
          f"Python {platform.python_version()}, spaCy pipeline {nlp.meta.get('name')} {nlp.meta.get('version')}")
    print(f"corpus: {len(docs)} documents, {words:,} words, {sentences:,} sentences, {events} events coded; "
          f"median of {args.repeat}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load_start)}; "
          f"at end: {' '.join(f'{x:.2f}' for x in load_end)}")
    print()
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'figure':>16}  {'target':>16}  met")
    print(f"{'-' * width}  {'-' * 16}  {'-' * 16}  ---")
    for name, figure, target, met in rows:
        flag = "" if met is None else ("yes" if met else "NO")
        print(f"{name:<{width}}  {figure:>16}  {target:>16}  {flag}")


if __name__ == "__main__":
    main()
