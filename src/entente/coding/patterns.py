"""The event patterns table (``data/event_patterns.tsv``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from entente.coding import ontology
from entente.errors import E140_BAD_PATTERN, EntenteError


class PatternError(EntenteError):
    """A row of the patterns table that cannot be used."""

    code = E140_BAD_PATTERN


@dataclass(frozen=True, slots=True)
class Pattern:
    """One sense of a trigger word (see the table's header for the columns)."""

    pos: str
    trigger: str
    cameo: str
    obj: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    prt: frozenset[str] = frozenset()
    notobj: frozenset[str] = frozenset()
    subj: frozenset[str] = frozenset()  # entity types the subject must have ("person")
    pred: frozenset[str] = frozenset()  # a copula's complement ("was complicit", "is an aggressor")
    modal: frozenset[str] = frozenset()  # a modal in the clause said ("said Iran must stop")
    clause: frozenset[str] = frozenset()  # the verb of the clause said ("ruled that China had violated")
    light: bool = False
    target: tuple[str, ...] = ()
    symmetric: bool = False
    plover: str | None = None
    line: int = 0
    source: str = "rules"  # the layer that gave it: rules | dictionary


def _conditions(cell: str, where: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        if part in ("-",):
            continue
        if part == "light":
            out["light"] = True
            continue
        key, _, values = part.partition("=")
        if key not in ("obj", "mod", "prep", "prt", "notobj", "subj", "pred", "modal", "clause") or not values:
            raise PatternError(f"{where}: unknown condition {part!r}")
        out[key] = frozenset(v.strip().lower() for v in values.split("|") if v.strip())
    return out


def load_patterns(path: str | Path | None = None) -> dict[tuple[str, str], tuple[Pattern, ...]]:
    """``{(pos, lemma): patterns in file order}`` from ``path`` (default: packaged)."""
    source = Path(path) if path else Path(str(resources.files("entente") / "data" / "event_patterns.tsv"))
    table: dict[tuple[str, str], list[Pattern]] = {}
    with source.open(encoding="utf-8") as fh:
        numbered = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    header = numbered[0][1].rstrip("\n").split("\t")
    for n, line in numbered[1:]:
        row = dict(zip(header, line.rstrip("\n").split("\t")))
        where = f"{source.name}:{n}"
        if row.get("pos") not in ("verb", "noun") or not row.get("cameo", "").isdigit():
            raise PatternError(f"{where}: needs pos verb|noun and a numeric CAMEO code")
        target = tuple(t for t in row.get("target", "-").split("|") if t and t != "-")
        plover = None if row.get("plover", "-") in ("-", "") else row["plover"]
        if plover is not None and plover not in ontology.plover_types():
            raise PatternError(f"{where}: {plover!r} is not a PLOVER type ({', '.join(ontology.plover_types())})")
        p = Pattern(pos=row["pos"], trigger=row["trigger"].lower(), cameo=row["cameo"],
                    target=target, symmetric=row.get("symmetric") == "y",
                    plover=plover, line=n,
                    **_conditions(row.get("requires", "-"), where))  # type: ignore[arg-type]
        table.setdefault((p.pos, p.trigger), []).append(p)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def default_patterns() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    """The packaged patterns, loaded once per process."""
    return load_patterns()
