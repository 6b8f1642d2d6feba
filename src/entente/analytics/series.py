"""A dyad's events, merged across reports, and their time series.

Every analytics function reads the store through :func:`cluster_sql`: one row
per real-world event (``coalesce(cluster_id, event_id)``), represented by the
cluster's first report, with ``reports`` the number of documents (or dataset
mentions) behind it. So events and media attention stay visible apart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable, Sequence

import duckdb

from entente.analytics.domains import event_domain
from entente.coding.ontology import CAMEO_SECTORS, PLOVER_SECTORS
from entente.store import period_start, rows
from entente.store.search import sector_clause

GRANULARITIES = ("month", "quarter", "year")
# The sector codes ``sectors=`` accepts: CAMEO actor roles and PLOVER sectors (``data/ontology/``).
SECTORS = frozenset(CAMEO_SECTORS) | frozenset(PLOVER_SECTORS)

# One row per event cluster: its representative. ``merge_reports`` gives every
# member of a cluster the representative's ``event_id`` as ``cluster_id`` and the
# same ``reports``, and flags the others ``merged``; events not (yet) merged and
# imported rows stand for themselves. So the representatives are a plain filter
# on a boolean, no grouping (``entente check`` verifies the invariant).
REPRESENTATIVE = "e.merged IS NOT TRUE"
_REPRESENTATIVE = """
SELECT e.*, coalesce(e.cluster_id, e.event_id) AS cid, coalesce(e.reports, 1) AS n_reports
FROM events e
WHERE """ + REPRESENTATIVE + """ AND ({where}) AND {window}
"""


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
    """Upper-cased country codes; the two must differ."""
    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b or a == b:
        raise ValueError(f"a pair needs two different countries, got {a!r} and {b!r}")
    return a, b


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


def cluster_sql(where: str, since: str | date | None = None, until: str | date | None = None,
                dataset: str | None = None) -> tuple[str, list[Any]]:
    """SQL selecting one representative row per event cluster, filtered by window and dataset.

    ``where`` filters raw event rows (``e.``); the window applies to the
    representative's ``day``. With any bound given, undated events drop out.
    """
    start, end = bounds(since, until)
    params: list[Any] = []
    if dataset:
        where = f"({where}) AND e.dataset = ?"
        params.append(dataset)
    window = ["TRUE"]
    if start:
        window.append("day >= ?")
        params.append(start)
    if end:
        window.append("day < ?")
        params.append(end)
    return _REPRESENTATIVE.format(where=where, window=" AND ".join(window)), params


# What the measures read; ``dyad_events(lean=True)`` fetches only these.
_LEAN = ("source", "target", "is_symmetric", "cameo", "plover", "context", "goldstein", "quad_class",
         "amount_usd", "trigger", "about")
# The countries named across all of an event's reports (the merge keeps them on the representative).
_COUNTRIES = ("coalesce(e.cluster_sentence_countries, e.sentence_countries) AS sentence_countries,"
              " coalesce(e.cluster_document_countries, e.document_countries) AS document_countries")
# The rest of a full record (evidence text, provenance, the document's title).
_FULL = ("doc_id", "dataset", "date", "mode", "modality", "evidence", "evidence_start", "evidence_end", "url")
_PAIR = "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))"
_HEAD = f"e.event_id, coalesce(e.reports, 1) AS n_reports, CAST(e.day AS VARCHAR) AS day, {_COUNTRIES}"


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
    where, params = _pair_filter(a, b, dataset, check_sectors(sectors))
    columns = ", ".join("e." + c for c in (_LEAN if lean else _LEAN + _FULL))
    if lean:
        sql = f"SELECT {_HEAD}, {columns} FROM events e"
    else:
        sql = f"SELECT {_HEAD}, {columns}, d.title, d.published FROM events e LEFT JOIN documents d USING (doc_id)"
    sql += f" WHERE {REPRESENTATIVE} AND {where}" + (" AND e.amount_usd IS NOT NULL" if priced else "")
    out = [_event_record(r, lean) for r in rows(con, sql, params)]
    out.sort(key=_by_day)
    return within(out, since, until)


def _pair_filter(a: str, b: str, dataset: str | None,
                 sectors: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (on ``events e``) for A–B events in either direction, of one dataset
    and between the ``sectors`` (checked) if given."""
    where, params = _PAIR, [a, b, b, a]
    if dataset:
        where += " AND e.dataset = ?"
        params.append(dataset)
    if sectors:
        clause, values = sector_clause(sectors, "e.")
        where += f" AND {clause}"
        params += values
    return where, params


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
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    found = rows(con, f"SELECT {_HEAD}, coalesce(e.cluster_id, e.event_id) AS cid,"
                      f" {', '.join('e.' + c for c in _LEAN + _FULL)}, d.title, d.published FROM events e"
                      f" LEFT JOIN documents d USING (doc_id) WHERE e.event_id IN ({marks})", list(ids))
    by_id = {r["event_id"]: r for r in found}
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
    start, end = bounds(since, until)
    where, params = _pair_filter(a, b, dataset, sectors)
    for clause, value in (("e.day >= ?", start), ("e.day < ?", end)):
        if value:
            where += f" AND {clause}"
            params.append(value)
    return rows(con, "SELECT CAST(e.day AS VARCHAR) AS day, e.source, e.is_symmetric AS symmetric, e.goldstein,"
                     " e.quad_class, coalesce(e.reports, 1) AS reports FROM events e"
                     f" WHERE {REPRESENTATIVE} AND e.day IS NOT NULL AND {where}", params)


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
