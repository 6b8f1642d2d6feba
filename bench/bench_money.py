"""Benchmark: the money stage and the whole extract on one long document against several short ones.

Run:  .venv/bin/python bench/bench_money.py [--small 30000] [--count 4] [--repeat 5] [--no-extract]

The documents are news-like text written here (no corpus needed): sentences that pledge, lend and
spend amounts in dollars, rupees, euros, pounds and yuan between varied countries, with paragraph
breaks; each document has its own random seed, so no two are the same text. Three sets of the same
total length: ``--count`` documents of ``--small`` characters, half as many of twice the length,
and one document of ``--count`` x ``--small`` characters (120,000 by default).

For each set: the parse alone (``nlp.pipe``, entente's pipeline); the money stage alone
(:func:`entente.nlp.money_doc.find_money` on the parsed documents, their country mentions and
actors found beforehand, untimed), median of ``--repeat``; and the whole extract
(:func:`entente.extract.extract_documents`, parse included) and the part after the parse alone
(:func:`entente.extract.extract_doc` on the parsed documents).
Target (issue 17 item 6): the money stage on the one long document takes at most 1.5x its time on
the short ones; a stage that is quadratic in the length takes ``--count`` times as long. The
whole-extract figures are printed for reference. Exits 1 when the target is not met.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_coder import _median_time  # noqa: E402

TARGET_RATIO = 1.5

SENTENCES = (
    "The {org} pledged ${n} billion in loans to {c} on {day}.",
    "{c} said it would spend Rs {k} crore (about ${m} million) on new roads and ports.",
    "Officials in {c} signed a €{k} million deal with {c2} to upgrade the railway.",
    "The agreement, worth more than {k} million dollars, was welcomed by the government of {c}.",
    "Analysts said a {n} billion yuan credit line from China would help {c} pay its debts.",
    "{c} and {c2} held talks in the capital on trade and security.",
    "Protesters gathered outside the ministry as the talks went on late into the night.",
    "A spokesman for {c2} declined to comment on the reported £{k} million grant.",
    "{c} will lend {c2} about ${m} million to build a power plant, the finance minister said.",
)
ORGS = ("World Bank", "International Monetary Fund", "Asian Development Bank", "European Union")
COUNTRIES = ("Kenya", "Pakistan", "India", "Egypt", "Brazil", "Indonesia", "Nigeria", "Turkey", "Japan",
             "Germany", "Bangladesh", "Vietnam")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def news_text(chars: int, seed: int) -> str:
    """About ``chars`` characters of money-laden news, a paragraph every six sentences."""
    rnd = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        pattern = SENTENCES[rnd.randrange(len(SENTENCES))]
        c, c2 = rnd.sample(COUNTRIES, 2)
        s = pattern.format(org=rnd.choice(ORGS), c=c, c2=c2, day=rnd.choice(DAYS),
                           n=f"{rnd.randint(1, 9)}.{rnd.randint(0, 9)}", k=rnd.randint(10, 900),
                           m=rnd.randint(5, 99))
        s += "\n\n" if len(parts) % 6 == 5 else " "
        parts.append(s)
        size += len(s)
    return "".join(parts)[:chars].rstrip() + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=30_000, help="characters of each short document")
    ap.add_argument("--count", type=int, default=4, help="short documents; the long one is this many times longer")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the money stage (the median is printed)")
    ap.add_argument("--no-extract", action="store_true", help="skip the whole extract (the slow part)")
    args = ap.parse_args()
    load_start = os.getloadavg()

    from entente.dictionary import default_dictionary
    from entente.extract import BATCH_SIZE, extract_doc, extract_documents
    from entente.nlp.money import find_amounts
    from entente.nlp.actors import find_actors
    from entente.nlp.countries import find_countries, rank_countries
    from entente.nlp.money_doc import find_money
    from entente.nlp.pipeline import shared_pipeline
    from entente.nlp.sectors import sector_words
    from entente.records import Document

    published = "2024-06-01"
    long_chars = args.small * args.count
    sets: list[tuple[str, list[Document]]] = []
    seed = 0
    for n in sorted({args.count, max(1, args.count // 2), 1}, reverse=True):
        docs = []
        for _ in range(n):
            seed += 1
            docs.append(Document(id=f"money-{seed}", text=news_text(long_chars // n, seed), published=published))
        sets.append((f"{n} x {long_chars // n:,} chars", docs))

    nlp = shared_pipeline()
    dictionary, words = default_dictionary(), sector_words()
    list(extract_documents([Document(id="warm", text=news_text(3_000, 0), published=published)], nlp=nlp))

    rows = []
    for label, docs in sets:
        texts = [d.text for d in docs]
        t0 = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
        parse_s = time.perf_counter() - t0
        inputs = []
        for doc in parsed:
            mentions = find_countries(doc, nlp, dictionary)
            actors = find_actors(doc, mentions, dictionary, words, published)
            countries = rank_countries(mentions, [a.country for a in actors if a.country in dictionary.countries])
            inputs.append((doc, mentions, actors, countries))
        found = sum(len(find_amounts(t)) for t in texts)
        kept = sum(len(find_money(*i, 2024)) for i in inputs)  # each distinct amount once per document
        money_s = _median_time(lambda: [find_money(*i, 2024) for i in inputs], args.repeat)
        whole_s = after_s = None
        if not args.no_extract:
            whole_s = _median_time(lambda: list(extract_documents(docs, nlp=nlp)), 1)
            after_s = _median_time(lambda: [extract_doc(p, d, nlp, dictionary, words) for p, d in zip(parsed, docs)], 1)
        rows.append((label, sum(map(len, texts)), found, kept, parse_s, money_s, whole_s, after_s))
    load_end = os.getloadavg()

    short_money, long_money = rows[0][5], rows[-1][5]
    ratio = long_money / short_money
    met = ratio <= TARGET_RATIO
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cpus, "
          f"Python {platform.python_version()}, spaCy pipeline {nlp.meta.get('name')} {nlp.meta.get('version')}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load_start)}; "
          f"at end: {' '.join(f'{x:.2f}' for x in load_end)}; money stage: median of {args.repeat}")
    print()
    head = (f"{'documents':<20}{'chars':>9}{'amounts':>9}{'kept':>7}{'parse s':>9}{'money ms':>10}"
            f"{'extract s':>11}{'after parse s':>15}")
    print(head)
    print("-" * len(head))
    for label, chars, found, kept, parse_s, money_s, whole_s, after_s in rows:
        extract = f"{whole_s:>11.2f}{after_s:>15.2f}" if whole_s is not None and after_s is not None else \
            f"{'-':>11}{'-':>15}"
        print(f"{label:<20}{chars:>9,}{found:>9,}{kept:>7,}{parse_s:>9.2f}{money_s * 1000:>10.1f}{extract}")
    print()
    first, last = rows[0], rows[-1]
    if first[6] and last[6] and first[7] and last[7]:
        print(f"whole extract, one long / {args.count} short: {last[6] / first[6]:.2f}x "
              f"(after the parse: {last[7] / first[7]:.2f}x)")
    print(f"money stage, one long / {args.count} short: {ratio:.2f}x (target <= {TARGET_RATIO}x): "
          + ("met" if met else "NOT met"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
