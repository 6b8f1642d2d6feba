"""Calibrate event confidence on the development set: is an event of confidence 0.8 right 80% of the time?

    .venv/bin/python bench/calibrate.py [--dev ../shared/eval/dev] [--out docs/confidence.md | --out -]

It extracts the dev set with ``min_confidence=0`` (every event kept), matches
the events to the gold ones exactly as ``../shared/eval/entente_eval.py`` does
(its own functions, imported), and prints:

- a reliability table: events per confidence bin, how many are right, precision;
- precision per kind of coding (``rules-verb``, ``rules-noun``, ``dictionary-pattern``,
  ``dictionary-specific``, ``dictionary-generic``; read from each event's ``rule``),
  with a suggested base per kind (its observed precision);
- precision, recall and F1 of the dev set at several thresholds.

The tables are written, with the command, the date and what confidence means,
to ``docs/confidence.md`` (``--out -``: print only). The suggested bases are
suggestions: ``data/lexicon/confidence.tsv`` is changed by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Iterable, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
BINS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)
KINDS = ("rules-verb", "rules-noun", "dictionary-pattern", "dictionary-specific", "dictionary-generic")
# Fewer judged events than this for a kind: its precision says too little to move its base.
MIN_EVENTS = 10


@dataclass(frozen=True)
class Judged:
    """One predicted event and whether the scorer counts it right."""

    doc: str
    confidence: float
    kind: str
    rule: str
    correct: bool


def load_scorer(path: Path) -> ModuleType:
    """``entente_eval.py`` as a module (it is a script, standard library only)."""
    spec = importlib.util.spec_from_file_location("entente_eval", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot import the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------------------------ extraction

def extract_all(gold_docs: Sequence[dict], model: str | None) -> dict[str, dict]:
    """The extraction record of every gold document, no event dropped (``min_confidence=0``)."""
    from entente.extract import extract_documents
    from entente.nlp.pipeline import shared_pipeline
    from entente.records import Document

    docs = [Document(id=g["id"], text=g["text"], title=g.get("title"), url=g.get("url"),
                     published=g.get("published"), published_from="record" if g.get("published") else None)
            for g in gold_docs]
    found = extract_documents(docs, nlp=shared_pipeline(model), on_reject=lambda r: print(r, file=sys.stderr),
                              min_confidence=0)
    return {ex.id: ex.to_record() for ex in found}


def rule_kinds() -> dict[int, str]:
    """Line of the patterns table -> ``rules-verb`` / ``rules-noun``."""
    from entente.coding.patterns import default_patterns

    return {p.line: f"rules-{p.pos}" for rows in default_patterns().values() for p in rows}


def kind_of(event: dict, rules: dict[int, str]) -> str:
    """The confidence kind of an event record, from its ``rule`` (and code, for a verb's own code).

    A promise coded as AGREE keeps its rule but not its code: a verb's own specific code
    turned into a generic AGREE code ("030") is counted as generic here.
    """
    source, _, line = str(event.get("rule") or "").partition(":")
    if source == "rules":
        return rules.get(int(line or 0), "rules-verb")
    if line not in ("", "0"):
        return "dictionary-pattern"
    return "dictionary-generic" if str(event.get("cameo", "")).endswith("0") else "dictionary-specific"


# -------------------------------------------------------------------------------------------- judging

def judge(scorer: ModuleType, gold: dict, events: list[dict]) -> list[bool | None]:
    """For each predicted event: matched to a core gold event (True), a false positive (False),
    or not scored (None: a domestic event where the gold has none, or a match of an optional
    gold event). The one-to-one matching is ``entente_eval.score_events``' own."""
    gold_events = gold.get("events", [])
    core = [g for g in gold_events if g.get("core", True)]
    domestic_scored = any(g["source"] == g["target"] for g in gold_events)
    scored = [i for i, e in enumerate(events)
              if domestic_scored or not (e.get("source") and e.get("source") == e.get("target"))]
    preds = [events[i] for i in scored]
    weights = [[(1000.0 + 100.0 * scorer._overlap(g, e)) if scorer._event_matches(g, e) else 0.0 for g in core]
               for e in preds]
    match = scorer._max_weight_matching(weights) if core and preds else [-1] * len(preds)
    out: list[bool | None] = [None] * len(events)
    for i, e, j in zip(scored, preds, match):
        optional = any(not g.get("core", True) and scorer._event_matches(g, e) for g in gold_events)
        out[i] = True if j >= 0 else None if optional else False
    return out


def judged_events(scorer: ModuleType, gold_docs: Sequence[dict], preds: dict[str, dict]) -> list[Judged]:
    """Every scored event of the dev set with its confidence, kind and verdict."""
    rules = rule_kinds()
    out: list[Judged] = []
    for g in gold_docs:
        events = list((preds.get(g["id"]) or {}).get("events") or [])
        for e, verdict in zip(events, judge(scorer, g, events)):
            if verdict is not None:
                out.append(Judged(g["id"], float(e["confidence"]), kind_of(e, rules), str(e.get("rule")), verdict))
    return out


def at_threshold(scorer: ModuleType, gold_docs: Sequence[dict], preds: dict[str, dict], cut: float) -> dict:
    """The scorer's event precision / recall / F1 when events below ``cut`` are dropped."""
    tally, dates = scorer.Tally(), scorer.Tally()
    for g in gold_docs:
        pred = dict(preds.get(g["id"]) or {})
        pred["events"] = [e for e in pred.get("events") or [] if e["confidence"] >= cut]
        scorer.score_events(g, pred, tally, dates, [])
    return tally.row()


# ------------------------------------------------------------------------------------------- tables

def wilson(correct: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of a precision of ``correct`` out of ``n``."""
    if n == 0:
        return 0.0, 1.0
    p = correct / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "–"


def reliability_table(events: Sequence[Judged]) -> list[str]:
    """Markdown: events per confidence bin, correct, precision, mean confidence."""
    lines = ["| confidence | events | correct | precision | mean confidence | 95% interval |",
             "|---|---:|---:|---:|---:|---|"]
    for lo, hi in zip(BINS, BINS[1:]):
        last = hi == BINS[-1]
        inside = [e for e in events if lo <= e.confidence < hi or (last and e.confidence == hi)]
        right = sum(e.correct for e in inside)
        mean = f"{sum(e.confidence for e in inside) / len(inside):.2f}" if inside else "–"
        low, high = wilson(right, len(inside))
        label = f"[{lo:.1f}, {hi:.1f}{']' if last else ')'}"
        interval = f"{low:.2f}–{high:.2f}" if inside else "–"
        lines.append(f"| {label} | {len(inside)} | {right} | {_ratio(right, len(inside))} | {mean} | {interval} |")
    return lines


def kind_table(events: Sequence[Judged], bases: dict[str, float]) -> list[str]:
    """Markdown: precision per kind, the current base and the suggested one."""
    lines = ["| kind | events | correct | precision | 95% interval | mean quality | current base | suggested base |",
             "|---|---:|---:|---:|---|---:|---:|---:|"]
    for kind in KINDS:
        inside = [e for e in events if e.kind == kind]
        right = sum(e.correct for e in inside)
        low, high = wilson(right, len(inside))
        interval = f"{low:.2f}–{high:.2f}" if inside else "–"
        # quality = confidence / base (rounded confidences: two places at best)
        quality = f"{sum(e.confidence for e in inside) / len(inside) / bases[kind]:.2f}" if inside else "–"
        lines.append(f"| {kind} | {len(inside)} | {right} | {_ratio(right, len(inside))} | {interval} | {quality} | "
                     f"{bases[kind]:.2f} | {suggest(right, len(inside), bases[kind]):.2f} |")
    return lines


def suggest(correct: int, n: int, current: float) -> float:
    """The observed precision, or the current base when there are too few events to say."""
    return round(correct / n, 2) if n >= MIN_EVENTS else current


def rule_table(events: Sequence[Judged], top: int = 12) -> list[str]:
    """Markdown: the rules (table lines, dictionary lines) that coded the most events."""
    counts: dict[str, list[int]] = {}
    for e in events:
        c = counts.setdefault(e.rule, [0, 0])
        c[0] += 1
        c[1] += e.correct
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))[:top]
    lines = ["| rule | events | correct | precision |", "|---|---:|---:|---:|"]
    lines += [f"| `{rule}` | {n} | {right} | {_ratio(right, n)} |" for rule, (n, right) in ranked]
    return lines


def threshold_table(rows: Iterable[tuple[float, dict]], default: float) -> list[str]:
    """Markdown: the dev set's event precision / recall / F1 per threshold."""
    lines = ["| min confidence | events kept | right (tp) | wrong (fp) | missed (fn) | P | R | F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for cut, r in rows:
        mark = " (default)" if math.isclose(cut, default) else ""
        lines.append(f"| {cut:.1f}{mark} | {r['tp'] + r['fp']} | {r['tp']} | {r['fp']} | {r['fn']} | "
                     f"{r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
    return lines


# ----------------------------------------------------------------------------------------- document

EXPLANATION = """\
An event's **confidence** estimates how often an event coded the same way is right:
`confidence = base(kind) × quality`, where the *kind* says what coded it (a verb or noun
row of entente's patterns table, a pattern of the CAMEO 2.0 verb dictionary, or a
dictionary verb's own code) and *quality* (0–1) says how directly its two sides were read
(1.0 for the subject and object of the trigger; lower for a country found deeper in a
phrase, carried over from an earlier sentence, or read from a pronoun). The bases and the
default threshold are in `src/entente/data/lexicon/confidence.tsv`.

`entente extract` and `entente ingest` drop events below the threshold. Trade recall for
precision with `--min-confidence X` (Python: `min_confidence=X`): a higher X keeps fewer,
surer events; `--min-confidence 0` keeps every event (each record still carries its
`confidence` and `rule`, so you can filter later). The threshold table below shows what
each choice costs and buys on the development set.

An event counts as right when the scorer (`../shared/eval/entente_eval.py`) matches it
one-to-one to a gold event (same pair, an accepted PLOVER type or CAMEO root); duplicates of
a matched event count as wrong. The dev set is small (30 texts), so every precision has a
wide interval (95% Wilson interval shown); a kind with fewer than {min_events} events keeps its
current base in the suggestions.
"""


def document(command: str, n_docs: int, events: Sequence[Judged], thresholds: list[tuple[float, dict]],
             bases: dict[str, float], default: float) -> str:
    """The whole of ``docs/confidence.md``."""
    today = dt.date.today().isoformat()
    parts = [
        "# Event confidence", "", EXPLANATION.format(min_events=MIN_EVENTS),
        "## Calibration on the development set", "",
        f"Command: `{command}` — run {today} at commit {_commit()}, {n_docs} documents, {len(events)} "
        "scored events (extracted with `min_confidence=0`).", "",
        "### Reliability: precision per confidence bin", "", *reliability_table(events), "",
        "### Precision per kind of coding, and suggested bases", "", *kind_table(events, bases), "",
        "### The rules that coded the most events", "", *rule_table(events), "",
        "### Precision, recall and F1 per threshold", "", *threshold_table(thresholds, default), "",
    ]
    return "\n".join(parts)


def _commit() -> str:
    """The checkout's commit, marked when the working tree has changes (``unknown`` without git)."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        return head + (" + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEFAULT_EVAL / "dev", help="gold folder (default: %(default)s)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_EVAL / "entente_eval.py", help="entente_eval.py")
    ap.add_argument("--out", default=str(ROOT / "docs" / "confidence.md"), help="markdown file, or - to print only")
    ap.add_argument("--model", help="spaCy pipeline package (default: entente's)")
    args = ap.parse_args(argv)

    from entente.coding.confidence import confidence_base, default_threshold

    scorer = load_scorer(args.scorer)
    gold_docs = scorer.load_gold([str(args.dev)])
    preds = extract_all(gold_docs, args.model)
    events = judged_events(scorer, gold_docs, preds)
    default = default_threshold()
    cuts = sorted(set(THRESHOLDS) | {default})
    thresholds = [(cut, at_threshold(scorer, gold_docs, preds, cut)) for cut in cuts]
    bases = {k: confidence_base(k) for k in KINDS}
    command = ".venv/bin/python bench/calibrate.py" + (f" --dev {args.dev}" if args.dev != DEFAULT_EVAL / "dev" else "")
    text = document(command, len(gold_docs), events, thresholds, bases, default)
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
