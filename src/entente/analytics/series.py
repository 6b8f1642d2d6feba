"""A dyad's events, merged across reports, and their time series.

Every analytics function reads the store through :mod:`entente.store.dyads`: one
row per real-world event (``coalesce(cluster_id, event_id)``), represented by the
cluster's first report, with ``reports`` the number of documents (or dataset
mentions) behind it. So events and media attention stay visible apart.
"""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Iterable, Sequence

import duckdb

from entente.analytics.domains import event_domain
from entente.coding.ontology import CAMEO_SECTORS, PLOVER_SECTORS
from entente.store import dyads as store_dyads
from entente.store import period_start

GRANULARITIES = ("month", "quarter", "year")
# The sector codes ``sectors=`` accepts: CAMEO actor roles and PLOVER sectors (``data/ontology/``).
SECTORS = frozenset(CAMEO_SECTORS) | frozenset(PLOVER_SECTORS)

def bounds(since: str | date | None, until: str | date | None) -> tuple[date | None, date | None]:
    """``(first day, day after the last)`` of an ISO window; each bound at any precision.

    ``until="2019"`` includes all of 2019; ``until="2019-06"`` all of June.
    """
    start = _day(since, "since") if since else None
    end = None
    if until:
        text = until.isoformat() if isinstance(until, date) else str(until)
        first = _day(text, "until")
        if len(text) == 4:
            end = date(first.year + 1, 1, 1)
        elif len(text) == 7:
            end = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        else:
            end = first + timedelta(days=1)
    if start and end and end <= start:
        raise ValueError(f"empty window: since {since} is after until {until}")
    return start, end


def _day(value: str | date, name: str) -> date:
    if isinstance(value, date):
        return value
    day = period_start(str(value))
    if day is None or len(str(value)) not in (4, 7, 10):
        raise ValueError(f"{name}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return day


def check_pair(a: str, b: str) -> tuple[str, str]:
    """The two sides as codes (:func:`country_code`: "US", "Pakistan" and "PAK" alike); they must differ."""
    a, b = country_code(a), country_code(b)
    if a == b:
        raise ValueError(f"a pair needs two different countries, got {a!r} twice")
    return a, b


def country_code(text: str) -> str:
    """The store's code for a country or organisation as a user writes it: an ISO3 or organisation code
    ("PAK", "nato") as it is, an ISO 3166 two-letter code ("PK") or a name ("Pakistan", "United Kingdom",
    "Russia") as its ISO3 code. Raises ``ValueError`` with the closest names for anything else."""
    value = " ".join((text or "").split())
    if not value:
        raise ValueError("a country is needed (an ISO3 code such as PAK, or a name)")
    if value.isalpha() and (len(value) == 3 or (value.isupper() and 4 <= len(value) <= 8)):
        return value.upper()  # ISO3, or an organisation code (NATO, ASEAN)
    import pycountry

    if value.isalpha() and len(value) == 2:
        found = pycountry.countries.get(alpha_2=value.upper())
        return found.alpha_3 if found else value.upper()  # EU, UN: organisation codes
    try:
        return str(pycountry.countries.lookup(value).alpha_3)
    except LookupError:
        pass
    forms = _country_names()
    if value.lower() in forms:
        return forms[value.lower()][0]
    names = [n for n, (_, kind) in forms.items() if kind == "name"]
    close = difflib.get_close_matches(value.lower(), names, n=3, cutoff=0.75)
    hint = f"; did you mean {' or '.join(repr(c.title()) for c in close)}?" if close else ""
    raise ValueError(f"{text!r} is not a country entente knows (use an ISO3 code such as PAK, or a name){hint}")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[str, str]]:
    """Lower-cased country names and demonyms of the actor dictionary -> (ISO3, "name" or "demonym")."""
    from entente.dictionary import default_dictionary

    return {name.lower(): (code, kind) for name, (code, kind) in default_dictionary().country_forms.items()
            if kind in ("name", "demonym")}


def check_sectors(sectors: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Known sector codes, upper-cased, once each, in the order given; ``None`` for no restriction.

    sectors (str | Iterable[str] | None): ``"GOV,MIL"`` or ``("gov", "mil")``.
    RETURNS (tuple[str, ...] | None): the codes; an empty or unknown one raises ``ValueError``.
    """
    if sectors is None:
        return None
    items = sectors.split(",") if isinstance(sectors, str) else list(sectors)
    codes = tuple(dict.fromkeys(str(c).strip().upper() for c in items))
    if not codes or "" in codes:
        raise ValueError(f"sectors: expected comma-separated sector codes such as GOV,MIL, got {sectors!r}")
    unknown = [c for c in codes if c not in SECTORS]
    if unknown:
        raise ValueError(f"unknown sector code(s) {', '.join(unknown)}; known codes (CAMEO actor roles and PLOVER"
                         f" sectors): {', '.join(sorted(SECTORS))}")
    return codes


def dyad_events(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                until: str | None = None, dataset: str | None = None, lean: bool = False,
                priced: bool = False, sectors: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every A–B event (one per cluster), oldest first, with its document title.

    ``direction`` is ``"A>B"`` written with the codes (``"USA>PAK"``);
    ``reports`` the documents (or dataset mentions) behind the event;
    ``sentence_countries`` and ``document_countries`` the countries named in
    the evidence sentences and documents of all its reports (``None`` for an
    event without a document, such as an imported dataset row). ``lean``
    leaves out the evidence text, document and provenance (what the measures
    do not read; :func:`events_by_id` fetches them for a few); ``priced``
    keeps only events with an amount; ``sectors`` (``("GOV", "MIL")``) only
    events whose source and target both have one of those sectors
    (:func:`entente.store.search.sector_clause`; default: every event).
    """
    a, b = check_pair(a, b)
    bounds(since, until)  # bad windows fail before the query
    found = store_dyads.pair_events(con, a, b, dataset=dataset, lean=lean, priced=priced,
                                    sectors=check_sectors(sectors))
    out = [_event_record(r, lean) for r in found]
    out.sort(key=_by_day)
    return within(out, since, until)


def _by_day(e: dict[str, Any]) -> tuple[bool, str, str]:
    return e["day"] is None, e["day"] or "", e["event_id"]


def within(events: Sequence[dict[str, Any]], since: str | None, until: str | None) -> list[dict[str, Any]]:
    """The events of a window (by their ``day``), from a list already fetched; with any bound, undated drop out."""
    start, end = bounds(since, until)
    if start is None and end is None:
        return list(events)
    first, after = start.isoformat() if start else "", end.isoformat() if end else "9999-99"
    return [e for e in events if e["day"] and first <= e["day"] < after]


def events_by_id(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Full records (evidence, provenance, title) of the events ``ids``, in that order.

    Country lists are over all the event's reports, as in :func:`dyad_events`.
    """
    by_id = {r["event_id"]: r for r in store_dyads.events_by_id(con, ids)}
    return [_event_record(by_id[i], False) for i in ids if i in by_id]


def _event_record(r: dict[str, Any], lean: bool = False) -> dict[str, Any]:
    """The record of a fetched row (the row dict itself, completed: it is not shared)."""
    for key in ("sentence_countries", "document_countries"):  # stored space-separated
        r[key] = None if r[key] is None else r[key].split()
    r.setdefault("cid", r["event_id"])
    r["cluster_id"] = r.pop("cid")
    r["direction"] = f"{r['source']}>{r['target']}"
    r["symmetric"] = bool(r.pop("is_symmetric"))
    r["about"] = r["about"] or []
    r["reports"] = r.pop("n_reports")
    if not lean:
        r.setdefault("title", None)
        r.setdefault("published", None)
    r["domain"] = event_domain(r)
    return r


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                until: str | None = None, granularity: str = "month", dataset: str | None = None,
                combined: bool = False, events: Sequence[dict[str, Any]] | None = None,
                sectors: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """One row per period and direction of the A–B relationship.

    Rows carry ``period`` (ISO first day), ``direction`` (``"A>B"``/``"B>A"``
    with the codes, plus ``"A<>B"`` rows when ``combined``), ``events``,
    ``reports``, ``mean_goldstein``, ``share_q1``..``share_q4`` and
    ``net_cooperation`` (the sum of the events' Goldstein weights). Symmetric
    events count in both directions (once in the combined row). Both
    directions appear for every period that has any event; undated events
    are left out. ``sectors``: only events between those sectors (as in
    :func:`dyad_events`). ``events``: the pair's events already fetched with
    :func:`dyad_events` (any window, the same sectors; this window is cut from them).
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}, not {granularity!r}")
    a, b = check_pair(a, b)
    sectors = check_sectors(sectors)
    if events is None:
        events = _dated_rows(con, a, b, since, until, dataset, sectors)
    ab, ba, both = f"{a}>{b}", f"{b}>{a}", f"{a}<>{b}"
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in within(events, since, until):
        if not e["day"]:
            continue
        period = _period(e["day"], granularity)
        forward = ab if e["source"] == a else ba
        directions = [forward, ba if forward == ab else ab] if e["symmetric"] else [forward]
        for direction in directions + ([both] if combined else []):
            cells.setdefault((period, direction), []).append(e)
    out = []
    for period in sorted({p for p, _ in cells}):
        for direction in (ab, ba, both) if combined else (ab, ba):
            out.append(_series_row(period, direction, cells.get((period, direction), [])))
    return out


def _dated_rows(con: duckdb.DuckDBPyConnection, a: str, b: str, since: str | None, until: str | None,
                dataset: str | None, sectors: Sequence[str] | None) -> list[dict[str, Any]]:
    """The few fields of the pair's dated events that a series reads (one row per cluster)."""
    return store_dyads.dated_pair_events(con, a, b, bounds(since, until), dataset, sectors)


def _period(day: str, granularity: str) -> str:
    """The first day (ISO) of the month, quarter or year of an ISO ``day``."""
    if granularity == "year":
        return day[:4] + "-01-01"
    if granularity == "quarter":
        return f"{day[:4]}-{(int(day[5:7]) - 1) // 3 * 3 + 1:02d}-01"
    return day[:7] + "-01"


def _series_row(period: str, direction: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    weights = [e["goldstein"] for e in events if e["goldstein"] is not None]
    coded = [e["quad_class"] for e in events if e["quad_class"] is not None]
    row: dict[str, Any] = {"period": period, "direction": direction, "events": len(events),
                           "reports": sum(e["reports"] for e in events),
                           "mean_goldstein": round(sum(weights) / len(weights), 4) if weights else None}
    for q in (1, 2, 3, 4):
        row[f"share_q{q}"] = round(coded.count(q) / len(coded), 4) if coded else None
    row["net_cooperation"] = round(sum(weights), 4) if weights else 0.0
    return row
