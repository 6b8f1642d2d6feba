"""Build entente's packaged ontology tables from the shared reference tables.

Reads ``../shared/reference`` (the CAMEO and PLOVER reference TSVs) and writes
``src/entente/data/ontology/*.tsv``. The package reads only those copies at
run time. Every place where entente departs from the reference (obsolete
crosswalk modes, missing Goldstein weights, the SANCTION quad, ...) is a named
constant below, and each changed row keeps the raw reference value beside the
value entente uses.

Usage::

    python scripts/build_ontology.py [--reference DIR] [--out DIR] [--check]

``--check`` writes nothing and exits 1 if the packaged tables are stale.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "src" / "entente" / "data" / "ontology"

ROOT_RULE = "root-rule"
DRAFT_2021 = "CAMEO2PLOVER-2021"

# GDELT QuadClass by CAMEO root: 01-05 verbal coop, 06-09 material coop,
# 10-14 verbal conflict, 15-20 material conflict.
QUAD_BY_ROOT_RANGE = ((1, 5, 1), (6, 9, 2), (10, 14, 3), (15, 20, 4))

# The manual's numeric quad table puts SANCTION in verbal conflict (3), but its
# SANCTION chapter and summary table say material conflict. entente follows the
# chapter: sanctions are things done, and CAMEO 16 is GDELT QuadClass 4 too.
PLOVER_QUAD_OVERRIDES = {"SANCTION": (4, "manual chapter + summary table; numeric quad table says 3")}

# The manual prints ACCUSE's base score as 3 but its modes are -2 and -3.5:
# a dropped minus sign (see PLOVER.md section 2).
PLOVER_BASE_OVERRIDES = {"ACCUSE": (-3.0, "manual prints 3; modes are negative, dropped minus sign")}

# The crosswalk's root row "08" says "CONCEDE|RETREAT". A code has one type:
# 080 ("Yield, not specified below") is CONCEDE, so the bare root is too.
CROSSWALK_EVENT_OVERRIDES = {
    "08": ("CONCEDE", "reference says CONCEDE|RETREAT; 080 (yield, unspecified) is CONCEDE"),
}

# Whole-row overrides (event, mode, context). 163 is SANCTION, not the 2021
# draft's COERCE/restrict: manual v0.8 defines SANCTION/discontinue as
# "curtail/terminate ... exchanges (incl. international sanctions)", and
# DESIGN.md codes tariffs and sanctions as SANCTION.
CROSSWALK_ROW_OVERRIDES = {
    "163": (("SANCTION", "discontinue", "economic"),
            "2021 draft says COERCE/restrict/diplomatic; v0.8 SANCTION/discontinue covers sanctions"),
}

# Draft-2021 modes that are not v0.8 modes, mapped per type ("" = no mode).
OBSOLETE_MODES = {
    ("RETREAT", "return"): "release",  # return/release property: nearest v0.8 mode
    ("RETREAT", "ease"): "",  # easing economic sanctions has no RETREAT mode
    ("THREATEN", "ban"): "restrict",  # v0.8 restrict includes "ban political activity"
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",  # v0.8 restrict includes "ban from political life"
    ("ASSAULT", "seize"): "destroy",  # only on 1712 "Destroy property"
    ("ASSAULT", "pro_autocracy"): "",  # a context used as a mode; moved to context
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",  # v0.8 targeted includes mass killings
    ("ASSAULT", "cleansing"): "",  # expulsion/cleansing has no ASSAULT mode
}
# Obsolete modes that are really contexts move into the context column.
MODE_TO_CONTEXT = {"pro_autocracy": "pro_autocracy"}

# Draft-2021 contexts that are not v0.8 contexts.
OBSOLETE_CONTEXTS = {
    "humanitarian": "human_security",  # the crosswalk itself uses it for aid (162, 1663)
    "democracy": "pro_democracy",
}

# PLOVER -> CAMEO defaults: (type, mode or "") -> (code, why). Each code is a
# crosswalk row; "exact" rows cross back to the same type and mode, the rest to
# the same type (no crosswalk row carries that mode).
PLOVER_TO_CAMEO = {
    ("AGREE", ""): ("030", "express intent to cooperate, unspecified"),
    ("CONSULT", ""): ("040", "consult, unspecified"),
    ("CONSULT", "visit"): ("042", "make a visit"),
    ("CONSULT", "third-party"): ("044", "meet at a third location"),
    ("CONSULT", "multilateral"): ("040", "no CAMEO code for multilateral meetings"),
    ("CONSULT", "phone"): ("041", "discuss by telephone"),
    ("SUPPORT", ""): ("050", "diplomatic cooperation, unspecified"),
    ("CONCEDE", ""): ("080", "yield, unspecified"),
    ("COOPERATE", ""): ("060", "material cooperation, unspecified"),
    ("AID", ""): ("070", "provide aid, unspecified"),
    ("RETREAT", ""): ("084", "return, release, unspecified"),
    ("RETREAT", "withdraw"): ("0872", "ease military blockade (the only withdraw row)"),
    ("RETREAT", "release"): ("0841", "return, release person(s)"),
    ("RETREAT", "disarm"): ("0873", "demobilize armed forces"),
    ("RETREAT", "ceasefire"): ("0871", "declare truce, ceasefire"),
    ("RETREAT", "access"): ("086", "allow international involvement"),
    ("RETREAT", "resign"): ("084", "no CAMEO code for resignation"),
    ("REQUEST", ""): ("100", "demand, unspecified"),
    ("REQUEST", "assist"): ("101", "demand material cooperation"),
    ("REQUEST", "change"): ("104", "demand political reform"),
    ("REQUEST", "yield"): ("1053", "demand release of persons or property"),
    ("REQUEST", "meet"): ("106", "demand meeting, negotiation"),
    ("ACCUSE", ""): ("112", "accuse, unspecified"),
    ("ACCUSE", "disapprove"): ("111", "criticize or denounce"),
    ("ACCUSE", "investigate"): ("090", "investigate, unspecified"),
    ("ACCUSE", "allege"): ("1121", "accuse of crime, corruption"),
    ("REJECT", ""): ("120", "reject, unspecified"),
    ("REJECT", "assist"): ("121", "reject material cooperation"),
    ("REJECT", "change"): ("123", "reject request for political reform"),
    ("REJECT", "yield"): ("1243", "refuse to release persons or property"),
    ("REJECT", "meet"): ("125", "reject proposal to meet"),
    ("THREATEN", ""): ("130", "threaten, unspecified"),
    ("THREATEN", "restrict"): ("1312", "threaten with sanctions, boycott, embargo"),
    ("THREATEN", "arrest"): ("130", "no CAMEO code threatens arrest"),
    ("THREATEN", "relations"): ("1313", "threaten to reduce or break relations"),
    ("THREATEN", "expel"): ("136", "threaten to halt international involvement"),
    ("THREATEN", "territory"): ("1382", "threaten occupation"),
    ("THREATEN", "violence"): ("138", "threaten with military force"),
    ("PROTEST", ""): ("140", "political dissent, unspecified"),
    ("PROTEST", "demo"): ("141", "demonstrate or rally"),
    ("PROTEST", "riot"): ("145", "protest violently, riot"),
    ("PROTEST", "strike"): ("143", "conduct strike or boycott (crosswalk mode: boycott)"),
    ("PROTEST", "hunger"): ("142", "conduct hunger strike"),
    ("PROTEST", "boycott"): ("143", "conduct strike or boycott"),
    ("PROTEST", "obstruct"): ("144", "obstruct passage, block"),
    ("PROTEST", "vandalize"): ("145", "nearest: violent protest (crosswalk mode: riot)"),
    ("SANCTION", ""): ("163", "impose embargo, boycott, or sanctions"),
    ("SANCTION", "convict"): ("160", "no SANCTION code convicts (116 crosses to ACCUSE)"),
    ("SANCTION", "expel"): ("166", "expel or withdraw"),
    ("SANCTION", "withdraw"): ("161", "reduce or break diplomatic relations"),
    ("SANCTION", "discontinue"): ("163", "impose embargo, boycott, or sanctions"),
    ("MOBILIZE", ""): ("150", "demonstrate military or police power, unspecified"),
    ("MOBILIZE", "troops"): ("154", "mobilize or increase armed forces"),
    ("MOBILIZE", "weapons"): ("152", "increase military alert status (crosswalk mode: troops)"),
    ("MOBILIZE", "police"): ("153", "mobilize or increase police power"),
    ("MOBILIZE", "militia"): ("150", "no CAMEO code for militia mobilisation"),
    ("COERCE", ""): ("170", "coerce, unspecified"),
    ("COERCE", "seize"): ("171", "seize or damage property"),
    ("COERCE", "restrict"): ("172", "impose administrative sanctions"),
    ("COERCE", "censor"): ("1721", "restrictions on political freedoms (crosswalk mode: restrict)"),
    ("COERCE", "curfew"): ("1723", "impose curfew"),
    ("COERCE", "martial-law"): ("1724", "impose state of emergency or martial law"),
    ("COERCE", "arrest"): ("173", "arrest, detain, or charge"),
    ("COERCE", "deport"): ("174", "expel or deport individuals"),
    ("COERCE", "withhold"): ("170", "no CAMEO code withholds public goods"),
    ("COERCE", "misinformation"): ("170", "no CAMEO code for misinformation"),
    ("COERCE", "cyber"): ("176", "attack cybernetically (crosswalk gives no mode)"),
    ("ASSAULT", ""): ("190", "use conventional military force, unspecified"),
    ("ASSAULT", "abduct"): ("181", "abduct, hijack, or take hostage"),
    ("ASSAULT", "beat"): ("182", "physically assault"),
    ("ASSAULT", "torture"): ("1822", "torture"),
    ("ASSAULT", "sexual"): ("1821", "sexually assault"),
    ("ASSAULT", "targeted"): ("186", "assassinate"),
    ("ASSAULT", "destroy"): ("1712", "destroy property"),
    ("ASSAULT", "primitive"): ("1823", "kill by physical assault (crosswalk gives no mode)"),
    ("ASSAULT", "firearms"): ("193", "fight with small arms and light weapons"),
    ("ASSAULT", "explosives"): ("1833", "carry out roadside bombing"),
    ("ASSAULT", "suicide-attack"): ("1831", "carry out suicide bombing"),
    ("ASSAULT", "aerial"): ("195", "employ aerial weapons (crosswalk mode: heavy-weapons)"),
    ("ASSAULT", "drone"): ("1952", "remotely piloted aerial munitions (crosswalk gives no mode)"),
    ("ASSAULT", "heavy-weapons"): ("194", "fight with artillery and tanks"),
    ("ASSAULT", "crowd-control"): ("175", "violent repression (crosswalk gives no mode)"),
    ("ASSAULT", "unconventional"): ("204", "use weapons of mass destruction"),
}


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a reference TSV (header row, tabs, no quoting)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def render(comment: str, columns: list[str], rows: list[list[str]]) -> str:
    """A packaged table: ``#`` comment lines, a header row, then data rows."""
    lines = [f"# {line}".rstrip() for line in comment.strip().splitlines()]
    lines.append("\t".join(columns))
    for row in rows:
        assert len(row) == len(columns) and not any("\t" in c or "\n" in c for c in row), row
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def fmt(value: float) -> str:
    return repr(float(value))


def quad_for_root(root: str) -> int:
    number = int(root)
    for low, high, quad in QUAD_BY_ROOT_RANGE:
        if low <= number <= high:
            return quad
    raise ValueError(f"CAMEO root out of range: {root!r}")


def inherited_goldstein(code: str, weights: dict[str, str]) -> tuple[str, str]:
    """The code's own weight, or its nearest ancestor's when the reference has none."""
    if weights[code]:
        return weights[code], "reference"
    for length in range(len(code) - 1, 1, -1):
        parent = code[:length]
        if weights.get(parent):
            return weights[parent], f"inherited:{parent}"
    raise ValueError(f"no Goldstein weight for {code} or its ancestors")


def build_cameo_events(ref: Path) -> str:
    rows = read_tsv(ref / "cameo_event_codes.tsv")
    weights = {r["code"]: r["goldstein"] for r in rows}
    out = []
    for r in rows:
        code = r["code"]
        if code[:2] != r["root"] or str(len(code)) != r["level"]:
            raise ValueError(f"inconsistent root/level for {code}")
        quad = quad_for_root(r["root"])
        if str(quad) != r["quadclass"]:
            raise ValueError(f"QuadClass of {code} differs from the root rule")
        weight, source = inherited_goldstein(code, weights)
        out.append([code, r["name"], r["level"], r["root"], fmt(float(weight)), source, str(quad)])
    comment = """\
entente ontology: CAMEO event codes (CAMEO 1.1b3), every level.
Source: ../shared/reference/cameo_event_codes.tsv (generated by scripts/build_ontology.py; do not edit).
Columns: code (string, leading zeros), name (CAMEO manual name), level (digits), root (2 digits),
goldstein (GDELT Goldstein weight), goldstein_source ("reference", or "inherited:PARENT" where the
reference has no weight: codes only in the CAMEO manual), quad_class (GDELT convention by root)."""
    cols = ["code", "name", "level", "root", "goldstein", "goldstein_source", "quad_class"]
    return render(comment, cols, out)


def _map_mode(event: str, mode: str, context: str) -> tuple[str, str]:
    """v0.8 (mode, context) for a draft-2021 (mode, context)."""
    new_mode = OBSOLETE_MODES.get((event, mode), mode)
    contexts = [OBSOLETE_CONTEXTS.get(c, c) for c in context.split(";") if c]
    if mode in MODE_TO_CONTEXT and MODE_TO_CONTEXT[mode] not in contexts:
        contexts.append(MODE_TO_CONTEXT[mode])
    return new_mode, ";".join(contexts)


def _crosswalk_row(r: dict[str, str]) -> list[str]:
    code, event, mode, context = r["cameo_code"], r["plover_event"], r["plover_mode"], r["plover_context"]
    source = ROOT_RULE if r["source"].startswith("root-rule") else DRAFT_2021
    notes = []
    if event == "dropped":
        return [code, "", "", "", "Y", source, event, mode, context, ""]
    if code in CROSSWALK_ROW_OVERRIDES:
        (new_event, new_mode, new_context), why = CROSSWALK_ROW_OVERRIDES[code]
        notes.append(why)
    else:
        new_event = event
        if code in CROSSWALK_EVENT_OVERRIDES:
            new_event, why = CROSSWALK_EVENT_OVERRIDES[code]
            notes.append(why)
        new_mode, new_context = _map_mode(new_event, mode, context)
        if new_mode != mode:
            notes.append(f"obsolete draft mode {mode!r}")
        if new_context != context:
            notes.append("draft context mapped to v0.8")
    return [code, new_event, new_mode, new_context, "N", source, event, mode, context, "; ".join(notes)]


def build_crosswalk(ref: Path) -> str:
    events = [r["code"] for r in read_tsv(ref / "cameo_event_codes.tsv")]
    rows: dict[str, dict[str, str]] = {}
    for r in read_tsv(ref / "cameo_to_plover.tsv"):
        # 175 appears twice, differing only in the draft's comment: keep the first.
        rows.setdefault(r["cameo_code"], r)
    if sorted(rows) != sorted(events):
        raise ValueError("crosswalk and event-code tables list different codes")
    out = [_crosswalk_row(rows[code]) for code in events]
    _check_crosswalk(ref, out)
    comment = """\
entente ontology: CAMEO -> PLOVER crosswalk, one row per CAMEO code.
Source: ../shared/reference/cameo_to_plover.tsv (the PLOVER manual v0.8 root rule plus the 2021 draft
code-level table CAMEO2PLOVER-2021.txt); generated by scripts/build_ontology.py; do not edit.
Columns: code; plover, plover_mode, plover_context (the values entente uses, v0.8 names; context may hold
several values joined by ';'); dropped (Y: CAMEO statements/appeals that PLOVER does not code);
source (root-rule or CAMEO2PLOVER-2021); raw_event, raw_mode, raw_context (the reference values);
note (why entente's value differs from the raw one)."""
    cols = ["code", "plover", "plover_mode", "plover_context", "dropped", "source",
            "raw_event", "raw_mode", "raw_context", "note"]
    return render(comment, cols, out)


def _check_crosswalk(ref: Path, rows: list[list[str]]) -> None:
    """Every mode and context entente uses must be a v0.8 one."""
    modes = {(r["type"], r["mode"]) for r in read_tsv(ref / "plover_modes.tsv")}
    types = {r["type"] for r in read_tsv(ref / "plover_event_types.tsv")}
    contexts = {r["context"] for r in read_tsv(ref / "plover_contexts.tsv")}
    for code, event, mode, context, dropped, *_ in rows:
        if dropped == "Y":
            continue
        if event not in types or (mode and (event, mode) not in modes):
            raise ValueError(f"crosswalk row {code}: {event}/{mode} is not a v0.8 type/mode")
        if any(c not in contexts for c in context.split(";") if c):
            raise ValueError(f"crosswalk row {code}: unknown context {context!r}")


def _roots(text: str) -> str:
    """'08 (081-083)' -> '08'; '18, 19, 20' -> '18|19|20'."""
    return "|".join(part.split("(")[0].strip() for part in text.split(","))


def build_plover_types(ref: Path) -> str:
    out = []
    for r in read_tsv(ref / "plover_event_types.tsv"):
        name = r["type"]
        quad, quad_note = PLOVER_QUAD_OVERRIDES.get(name, (int(r["quad_code"]), ""))
        base, base_note = PLOVER_BASE_OVERRIDES.get(name, (float(r["plover_score_base"]), ""))
        note = "; ".join(n for n in (quad_note and f"quad: {quad_note}", base_note and f"base: {base_note}") if n)
        out.append([name, str(quad), r["quad_code"], fmt(base), r["plover_score_base"],
                    r["requires_recipient"], _roots(r["cameo_roots"]), r["definition_short"], note])
    comment = """\
entente ontology: the 16 PLOVER event types (manual v0.8).
Source: ../shared/reference/plover_event_types.tsv; generated by scripts/build_ontology.py; do not edit.
Columns: type; quad_class (entente's), raw_quad (reference); base_score (entente's), raw_base_score;
requires_recipient (Y/N); cameo_roots ('|'-separated CAMEO roots of the manual's root rule);
definition; note (why entente's value differs from the raw one)."""
    cols = ["type", "quad_class", "raw_quad", "base_score", "raw_base_score", "requires_recipient",
            "cameo_roots", "definition", "note"]
    return render(comment, cols, out)


def build_plover_modes(ref: Path) -> str:
    bases = {r["type"]: r["base_score"] for r in _parsed(build_plover_types(ref))}
    out = []
    for r in read_tsv(ref / "plover_modes.tsv"):
        score, source = (r["plover_score"], "reference") if r["plover_score"] else (bases[r["type"]], "type-base")
        out.append([r["type"], r["mode"], fmt(float(score)), source, r["definition_short"]])
    comment = """\
entente ontology: PLOVER modes (the "how") with their PLOVER scores (-10..+10).
Source: ../shared/reference/plover_modes.tsv; generated by scripts/build_ontology.py; do not edit.
Columns: type, mode, score, score_source ("reference", or "type-base" where the manual prints no score
for the mode and the type's base score is used: PROTEST/vandalize), definition."""
    return render(comment, ["type", "mode", "score", "score_source", "definition"], out)


def build_plover_contexts(ref: Path) -> str:
    out = []
    for r in read_tsv(ref / "plover_contexts.tsv"):
        kind = "auxiliary" if r["definition_short"].startswith("AUXILIARY MODE") else "general"
        out.append([r["context"], kind, r["definition_short"]])
    comment = """\
entente ontology: PLOVER contexts (the "why"): 37 general contexts and 4 auxiliary modes.
Source: ../shared/reference/plover_contexts.tsv; generated by scripts/build_ontology.py; do not edit.
Columns: context, kind (general | auxiliary), definition."""
    return render(comment, ["context", "kind", "definition"], out)


def build_plover_to_cameo(ref: Path) -> str:
    crosswalk = {r["code"]: r for r in _parsed(build_crosswalk(ref))}
    modes = {(r["type"], r["mode"]) for r in _parsed(build_plover_modes(ref))}
    types = [r["type"] for r in _parsed(build_plover_types(ref))]
    wanted = {(t, "") for t in types} | modes
    if set(PLOVER_TO_CAMEO) != wanted:
        raise ValueError(f"PLOVER_TO_CAMEO must cover every type and mode: {set(PLOVER_TO_CAMEO) ^ wanted}")
    out = []
    for (ptype, mode), (code, why) in PLOVER_TO_CAMEO.items():
        row = crosswalk[code]
        if row["plover"] != ptype:
            raise ValueError(f"{ptype}/{mode} -> {code}, which crosses back to {row['plover']}")
        match = "exact" if row["plover_mode"] == mode else "type"
        out.append([ptype, mode, code, match, why])
    comment = """\
entente ontology: PLOVER -> CAMEO defaults: the most representative CAMEO code for a type (mode empty)
or a type+mode. Every code is a crosswalk row that crosses back to the same type.
Chosen by hand in scripts/build_ontology.py (PLOVER_TO_CAMEO) from cameo_to_plover.tsv; do not edit.
Columns: type, mode (empty = the type's default), cameo (code), match (exact: the crosswalk gives the
same type and mode; type: same type only, no code carries the mode), why."""
    return render(comment, ["type", "mode", "cameo", "match", "why"], out)


def build_cameo_sectors(ref: Path) -> str:
    out = [[r["code"], r["label_gdelt"], r["role_tier_cameo"], r["in_plover_sectors"], r["plover_note"]]
           for r in read_tsv(ref / "cameo_actor_types.tsv")]
    comment = """\
entente ontology: CAMEO actor role (sector/type) codes.
Source: ../shared/reference/cameo_actor_types.tsv; generated by scripts/build_ontology.py; do not edit.
Columns: code, name (GDELT label), tier (CAMEO role tier; empty for known-group codes),
in_plover (Y, N, or country-field: a PLOVER country-level code), plover_note."""
    return render(comment, ["code", "name", "tier", "in_plover", "plover_note"], out)


def build_plover_sectors(ref: Path) -> str:
    out = [[r["code"], r["frequency_group"], r["definition_short"]]
           for r in read_tsv(ref / "plover_sector_codes.tsv")]
    comment = """\
entente ontology: PLOVER sector codes and the 7 non-state country-level codes.
Source: ../shared/reference/plover_sector_codes.tsv; generated by scripts/build_ontology.py; do not edit.
Columns: code, group (frequent | less_frequent | non_state_country_code), definition."""
    return render(comment, ["code", "group", "definition"], out)


def _parsed(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


BUILDERS = {
    "cameo_events.tsv": build_cameo_events,
    "cameo_to_plover.tsv": build_crosswalk,
    "plover_types.tsv": build_plover_types,
    "plover_modes.tsv": build_plover_modes,
    "plover_contexts.tsv": build_plover_contexts,
    "plover_to_cameo.tsv": build_plover_to_cameo,
    "cameo_sectors.tsv": build_cameo_sectors,
    "plover_sectors.tsv": build_plover_sectors,
}


def build_tables(reference: Path = DEFAULT_REFERENCE) -> dict[str, str]:
    """``{file name: content}`` for every packaged ontology table."""
    return {name: build(reference) for name, build in BUILDERS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the packaged tables are stale")
    args = parser.parse_args(argv)
    tables = build_tables(args.reference)
    if args.check:
        stale = [n for n, text in tables.items()
                 if not (args.out / n).is_file() or (args.out / n).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"stale: {args.out / name}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.out / name} ({len(_parsed(text))} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
