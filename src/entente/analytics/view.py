"""The dyad view: everything the CLI, the dashboard page, the JSON API and the brief show about a
pair, composed once. Surfaces render :class:`DyadView`; none of them recomputes a part of it.

The verdict does not depend on the order of the pair (``dyad USA PAK`` and ``dyad PAK USA`` give
the same label, reason and numbers); the measures that do read a direction are listed in
``directional`` with what their direction means.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

import duckdb

from entente.analytics.ledger import deals_ledger, quotes_about
from entente.analytics.series import GRANULARITIES, check_pair, check_sectors, dyad_events, dyad_series, within
from entente.analytics.verdict import Period, verdict
from entente.errors import E137_EMPTY_DYAD, EntenteError
from entente.store.corrections import applied, raw_events
from entente.store.reads import OWN_DATASET, check_dataset, clean, dataset_counts, pair_evidence, places

EVIDENCE_ROWS = 200  # reports listed under a pair's page
PLACES_ROWS = 300

# Measures whose value reads the pair in its given order, and how.
DIRECTIONAL = {
    "hedging": "A's cooperation with B against A's cooperation with a rival of B (b_share: the same from B's side)",
    "reciprocity": "initiative is A's share of the directed events; the correlation is symmetric",
    "third_party": "counts A's and B's events with others separately",
}


class EmptyDyad(EntenteError, LookupError):
    """The pair has no events in the window, dataset and sectors asked for."""

    code = E137_EMPTY_DYAD


@dataclass(frozen=True)
class DyadQuery:
    """What a surface asks for; every field has the same meaning on every surface."""

    a: str
    b: str
    since: str | None = None
    until: str | None = None
    granularity: str = "year"
    rival: str | None = None
    periods: tuple[Period, ...] | None = None
    sectors: tuple[str, ...] | None = None
    dataset: str = OWN_DATASET  # a dataset's name, or "all"
    corrections: bool = True  # apply the analysts' corrections (False: the events as coded)


@dataclass(frozen=True)
class DyadView:
    """The composed view of a pair (JSON-ready parts; ``to_dict`` for the wire)."""

    query: DyadQuery
    a: str
    b: str
    dataset: str  # which events the view shows: "entente", an imported dataset's name, or "all"
    since: str | None  # the window as asked (the verdict carries the dates it actually spans)
    until: str | None
    verdict: dict[str, Any]  # label, reason, thresholds, measures, periods with their verdicts, change, top events
    series: list[dict[str, Any]]
    deals: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    places: list[dict[str, Any]]
    events: list[dict[str, Any]]  # the evidence list, newest first (at most EVIDENCE_ROWS)
    corrections: int = 0  # analysts' corrections applied to this pair's events (0 when asked for none)
    directional: dict[str, str] = field(default_factory=lambda: dict(DIRECTIONAL))

    @property
    def rival(self) -> str | None:
        return self.verdict["measures"]["hedging"].get("rival")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["query"]["periods"] = [list(p) for p in self.query.periods] if self.query.periods else None
        out["rival"] = self.rival
        return clean(out)


def dyad_view(con: duckdb.DuckDBPyConnection, query: DyadQuery) -> DyadView:
    """Compose the A–B view for ``query`` (raises :class:`EmptyDyad` when the window holds no event,
    ``ValueError`` on a bad code, window, sector, granularity or dataset). The analysts' corrections
    are applied unless ``query.corrections`` is false; ``corrections`` says how many were."""
    if not query.corrections:
        with raw_events(con):
            return _compose(con, query)
    return _compose(con, query)


def _compose(con: duckdb.DuckDBPyConnection, query: DyadQuery) -> DyadView:
    a, b = check_pair(query.a, query.b)
    if a == b:
        raise ValueError(f"a pair needs two different countries (got {a} twice)")
    if query.granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}, not {query.granularity!r}")
    sectors = check_sectors(query.sectors)
    dataset = check_dataset(con, query.dataset)
    label = dataset or "all"
    since, until = query.since, query.until
    events = dyad_events(con, a, b, dataset=dataset, lean=True, sectors=sectors)
    if not within(events, since, until):
        window = f" between {since or 'the start'} and {until or 'the end'}" if since or until else ""
        between = f" between {', '.join(sectors)} actors" if sectors else ""
        others = [name for name in dataset_counts(con) if name != dataset] if dataset else []
        hint = f" (the store also holds {', '.join(others)}: choose one, or all)" if others else ""
        raise EmptyDyad(f"no {a}–{b} events{between} in dataset {label}{window}{hint}")
    rival = query.rival.upper() if query.rival else None
    return DyadView(
        query=query, a=a, b=b, dataset=label, since=since, until=until,
        verdict={**clean(verdict(con, a, b, periods=list(query.periods) if query.periods else None, rival=rival,
                                 since=since, until=until, dataset=dataset, events=events, sectors=sectors)),
                 "dataset": label},
        series=clean(dyad_series(con, a, b, since=since, until=until, granularity=query.granularity,
                                 combined=True, events=events)),
        deals=clean(deals_ledger(con, a, b, since=since, until=until, events=events)),
        quotes=clean(quotes_about(con, a, b, since=since, until=until)),
        places=places(con, a=a, b=b, since=since, until=until, dataset=dataset, limit=PLACES_ROWS),
        events=pair_evidence(con, a, b, since=since, until=until, dataset=dataset, sectors=sectors,
                             limit=EVIDENCE_ROWS),
        corrections=applied(con, a, b, dataset) if query.corrections else 0,
    )


def periods_of(values: Sequence[str]) -> tuple[Period, ...] | None:
    """``("2017:2019", ":2020")`` -> periods; raises ``ValueError`` on a value without ":"."""
    out = []
    for value in values:
        since, sep, until = value.partition(":")
        if not sep:
            raise ValueError(f"{value!r}: expected SINCE:UNTIL, e.g. 2017:2019")
        out.append((since or None, until or None))
    return tuple(out) or None
