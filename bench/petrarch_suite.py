"""PETRARCH2's validation suite, coded by entente with the suite's own dictionaries.

    .venv/bin/python bench/petrarch_suite.py [--suite ../shared/eval/petrarch-suite] [--out DIR]

For each of the two expectation sets it writes the predictions file the
suite's scorer reads and prints the scorer's table beside PETRARCH2's own
result on the same cases:

- ``original``: the suite's legacy verbs (``PETR.Validate.verbs.txt``);
- ``cameo2``: UniversalPetrarch's CAMEO-2.0 verbs (``PETR.Validate.verbs.2.0.txt``),
  scored on the 251 cases whose text it did not change.

Actors and agents come from ``PETR.Validate.actors.txt`` and ``...agents.txt``
(the suite's actors are mostly fictional); entente's own rules layer runs
after the suite's verbs unless ``--dictionary-only``. Events are scored on
``source_code``, ``target_code`` and ``cameo``. Two of PETRARCH's conventions are
followed here and not in entente's own coding: a verb keeps its code in the future
tense (entente codes promises as AGREE, after the PLOVER manual), a meeting is
written once per direction (entente writes one symmetric event), and statements
(CAMEO 01) are events (entente drops them).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import json
import subprocess
import sys
import time
from pathlib import Path

from entente.coding.coder import Context, code_events
from entente.coding.arguments import Sides
from entente.coding.options import kept_events
from entente.coding.layers import DictionaryLayer, Lexicon, layer_settings, rule_layer
from entente.lexicon.load import load_actors, load_agents, load_verbs
from entente.lexicon.petrarch import read_discards
from entente.lexicon.tagging import dictionary_sides, tag_actors
from entente.nlp.pipeline import shared_pipeline

HERE = Path(__file__).resolve().parent
DEFAULT_SUITE = HERE.parent.parent / "shared" / "eval" / "petrarch-suite"
MEETING_WORDS = ("meet", "met", "talk", "visit", "summit", "arriv", "confer")
RUNS = {"original": "PETR.Validate.verbs.txt", "cameo2": "PETR.Validate.verbs.2.0.txt"}
BASELINES = {"original": "petrarch2_validate_verbs.jsonl", "cameo2": "petrarch2_validate_verbs2.jsonl"}


def code_case(nlp, text: str, date: str | None, lexicon: Lexicon, actors, agents, discards) -> list[dict]:
    doc = nlp(text)
    sides = Sides(doc, event_nouns=lexicon.noun_lemmas())
    dictionary_sides(sides, tag_actors(doc, actors, agents, date))
    events = kept_events(code_events(doc, Context(sides, (), (), (), (), date), lexicon), text, discards)
    out: list[dict] = []
    for e in events:
        items = [{"source": e.source_code, "target": e.target_code, "code": e.cameo}]
        if e.symmetric and e.cameo.startswith("04") and e.trigger and e.trigger.lower().startswith(MEETING_WORDS):
            # PETRARCH writes a meeting once per direction
            items.append({"source": e.target_code, "target": e.source_code, "code": e.cameo})
        out += [i for i in items if i not in out]
    return out


def _iso(date: str | None) -> str | None:
    return f"{date[:4]}-{date[4:6]}-{date[6:8]}" if date and len(date) == 8 else None


def run(suite: Path, out: Path, which: str, dictionary_only: bool) -> tuple[Path, float, int]:
    src = suite / "source"
    t0 = time.perf_counter()
    verbs = load_verbs(src / RUNS[which])
    # PETRARCH codes statements (CAMEO 01) as events; entente does not.
    settings = replace(layer_settings(), skip_roots=frozenset())
    dictionary = DictionaryLayer(verbs, settings, strict_codes=False)
    layers = (dictionary,) if dictionary_only else (dictionary, rule_layer())
    lexicon = Lexicon(layers, future_as_agree=False)  # PETRARCH codes the verb whatever its tense
    actors = load_actors(src / "PETR.Validate.actors.txt")
    agents = load_agents(src / "PETR.Validate.agents.txt")
    discards = read_discards(src / "PETR.Validate.discards.txt")
    load_s = time.perf_counter() - t0
    nlp = shared_pipeline()
    cases = [json.loads(line) for line in (suite / "cases.jsonl").open(encoding="utf-8") if line.strip()]
    path = out / f"entente_{which}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for case in cases:
            text = case["cameo2"]["text"] if which == "cameo2" and case.get("cameo2") else case["text"]
            events = code_case(nlp, text, _iso(case.get("date")), lexicon, actors, agents, discards)
            fh.write(json.dumps({"id": case["id"], "status": "ok", "events": events}) + "\n")
    return path, load_s, len(cases)


def score(suite: Path, preds: Path, which: str) -> dict:
    cmd = [sys.executable, str(suite / "score.py"), str(preds), "--cases", str(suite / "cases.jsonl")]
    if which == "cameo2":
        cmd += ["--expected", "cameo2"]
    report = preds.with_suffix(".report.json")
    subprocess.run(cmd + ["--json", str(report)], check=True, capture_output=True, text=True)
    return json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--suite", type=Path, default=DEFAULT_SUITE)
    ap.add_argument("--out", type=Path, default=Path("out/petrarch-suite"))
    ap.add_argument("--dictionary-only", action="store_true", help="without entente's own rules layer")
    args = ap.parse_args()
    if not (args.suite / "cases.jsonl").exists():
        sys.exit(f"{args.suite}: no cases.jsonl (pass --suite)")
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{'expectations':<12} {'system':<10} {'case pass':>16} {'event P / R / F1':>20} {'country F1':>10} "
          f"{'no-event FP':>11}")
    for which in RUNS:
        t0 = time.perf_counter()
        preds, load_s, n = run(args.suite, args.out, which, args.dictionary_only)
        secs = time.perf_counter() - t0
        for system, path in (("entente", preds), ("PETRARCH2", args.suite / "baselines" / BASELINES[which])):
            r = score(args.suite, path, which)
            p, rc, f = r["event_prf"]
            print(f"{which:<12} {system:<10} {r['case_pass']:>4}/{r['cases']:<4} = {r['case_pass_rate']:6.1%} "
                  f"{p:6.2f} /{rc:5.2f} /{f:5.2f} {r['country_prf'][2]:10.2f} {r['fp_rate']:11.2f}")
        print(f"{'':<12} (entente: {n} cases in {secs:.1f} s, dictionaries loaded in {load_s:.2f} s; "
              f"failures in {preds.with_suffix('.report.json')})")


if __name__ == "__main__":
    main()
