"""A dyad's events, merged across reports, and their time series.

Every analytics function reads the store through :func:`cluster_sql`: one row
per real-world event (``coalesce(cluster_id, event_id)``), represented by the
cluster's first report, with ``reports`` the number of documents (or dataset
mentions) behind it. So events and media attention stay visible apart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Sequence

import duckdb

from entente.analytics.domains import event_domain
from entente.store import period_start, rows

GRANULARITIES = ("month", "quarter", "year")

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
         "amount_usd", "trigger", "about", "sentence_countries", "document_countries")
# The rest of a full record (evidence text, provenance, the document's title).
_FULL = ("doc_id", "dataset", "date", "mode", "modality", "evidence", "evidence_start", "evidence_end", "url")
_PAIR = "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))"
_HEAD = "e.event_id, coalesce(e.reports, 1) AS n_reports, CAST(e.day AS VARCHAR) AS day"


def dyad_events(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                until: str | None = None, dataset: str | None = None, lean: bool = False,
                priced: bool = False) -> list[dict[str, Any]]:
    """Every A–B event (one per cluster), oldest first, with its document title.

    ``direction`` is ``"A>B"`` written with the codes (``"USA>PAK"``);
    ``reports`` the documents (or dataset mentions) behind the event;
    ``sentence_countries`` and ``document_countries`` the countries named in
    the evidence sentences and documents of all its reports (``None`` for an
    event without a document, such as an imported dataset row). ``lean``
    leaves out the evidence text, document and provenance (what the measures
    do not read; :func:`events_by_id` fetches them for a few); ``priced``
    keeps only events with an amount (with their own country lists, not
    their cluster's).
    """
    a, b = check_pair(a, b)
    bounds(since, until)  # bad windows fail before the query
    where, params = _PAIR, [a, b, b, a]
    if dataset:
        where += " AND e.dataset = ?"
        params.append(dataset)
    columns = ", ".join("e." + c for c in (_LEAN if lean else _LEAN + _FULL))
    if lean:
        sql = f"SELECT {_HEAD}, {columns} FROM events e"
    else:
        sql = f"SELECT {_HEAD}, {columns}, d.title, d.published FROM events e LEFT JOIN documents d USING (doc_id)"
    sql += f" WHERE {REPRESENTATIVE} AND {where}" + (" AND e.amount_usd IS NOT NULL" if priced else "")
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    found = [dict(zip(names, r)) for r in cur.fetchall()]
    # Further reports of a cluster add the countries their sentences and documents name.
    named: dict[str, tuple[set[str], set[str]]] = {}
    members = () if priced else con.execute(
        f"SELECT e.cluster_id, e.sentence_countries, e.document_countries FROM events e"
        f" WHERE e.merged AND {where}", params).fetchall()
    for cid, in_sentence, in_document in members:
        sentence, document = named.setdefault(cid, (set(), set()))
        sentence.update((in_sentence or "").split())
        document.update((in_document or "").split())
    out = []
    for r in found:
        extra = named.get(r["event_id"])
        for key, more in zip(("sentence_countries", "document_countries"), extra or ((), ())):
            if r[key] is not None:
                r[key] = sorted({*r[key].split(), *more}) if extra else r[key].split()
        out.append(_event_record(r, lean))
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

    Country lists are the event's own (see :func:`dyad_events` for a cluster's).
    """
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    found = rows(con, f"SELECT {_HEAD}, coalesce(e.cluster_id, e.event_id) AS cid,"
                      f" {', '.join('e.' + c for c in _LEAN + _FULL)}, d.title, d.published FROM events e"
                      f" LEFT JOIN documents d USING (doc_id) WHERE e.event_id IN ({marks})", list(ids))
    by_id = {r["event_id"]: r for r in found}
    for r in found:
        for key in ("sentence_countries", "document_countries"):
            r[key] = None if r[key] is None else r[key].split()
    return [_event_record(by_id[i], False) for i in ids if i in by_id]


def _event_record(r: dict[str, Any], lean: bool = False) -> dict[str, Any]:
    source, target = r["source"], r["target"]
    record = {
        "event_id": r["event_id"], "cluster_id": r.get("cid", r["event_id"]), "day": r["day"], "source": source, "target": target,
        "direction": f"{source}>{target}", "symmetric": bool(r["is_symmetric"]), "cameo": r["cameo"],
        "plover": r["plover"], "context": r["context"], "goldstein": r["goldstein"], "quad_class": r["quad_class"],
        "amount_usd": r["amount_usd"], "trigger": r["trigger"], "about": r["about"] or [],
        "reports": r["n_reports"], "sentence_countries": r["sentence_countries"],
        "document_countries": r["document_countries"],
    }
    record["domain"] = event_domain(record)
    if not lean:
        record.update(doc_id=r["doc_id"], dataset=r["dataset"], date=r["date"], mode=r["mode"],
                      modality=r["modality"], evidence=r["evidence"], evidence_start=r["evidence_start"],
                      evidence_end=r["evidence_end"], url=r["url"], title=r.get("title"),
                      published=r.get("published"))
    return record


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                until: str | None = None, granularity: str = "month", dataset: str | None = None,
                combined: bool = False) -> list[dict[str, Any]]:
    """One row per period and direction of the A–B relationship.

    Rows carry ``period`` (ISO first day), ``direction`` (``"A>B"``/``"B>A"``
    with the codes, plus ``"A<>B"`` rows when ``combined``), ``events``,
    ``reports``, ``mean_goldstein``, ``share_q1``..``share_q4`` and
    ``net_cooperation`` (the sum of the events' Goldstein weights). Symmetric
    events count in both directions (once in the combined row). Both
    directions appear for every period that has any event; undated events
    are left out.
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}, not {granularity!r}")
    a, b = check_pair(a, b)
    sql, params = cluster_sql("(e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?)",
                              since, until, dataset)
    ab, ba, both = f"{a}>{b}", f"{b}>{a}", f"{a}<>{b}"
    found = rows(con, f"""
        WITH c AS ({sql}), d AS (
            SELECT *, CASE WHEN source = ? THEN ? ELSE ? END AS direction FROM c WHERE day IS NOT NULL
            UNION ALL
            SELECT *, CASE WHEN source = ? THEN ? ELSE ? END FROM c WHERE day IS NOT NULL AND is_symmetric
            UNION ALL
            SELECT *, ? FROM c WHERE day IS NOT NULL AND ?
        )
        SELECT CAST(date_trunc('{granularity}', day) AS DATE) AS period, direction, count(*) AS events,
               sum(n_reports) AS reports, avg(goldstein) AS mean_goldstein,
               count(quad_class) AS coded, count(*) FILTER (quad_class = 1) AS q1,
               count(*) FILTER (quad_class = 2) AS q2, count(*) FILTER (quad_class = 3) AS q3,
               count(*) FILTER (quad_class = 4) AS q4, coalesce(sum(goldstein), 0) AS net_cooperation
        FROM d GROUP BY ALL ORDER BY period, direction""",
        [a, b, b, a, *params, a, ab, ba, a, ba, ab, both, combined])
    return _fill_directions(found, (ab, ba, both) if combined else (ab, ba))


def _fill_directions(found: Sequence[dict[str, Any]], directions: Sequence[str]) -> list[dict[str, Any]]:
    by_key = {(r["period"], r["direction"]): r for r in found}
    out = []
    for period in sorted({r["period"] for r in found}):
        for direction in directions:
            r = by_key.get((period, direction))
            out.append(_series_row(period, direction, r))
    return out


def _series_row(period: date, direction: str, r: dict[str, Any] | None) -> dict[str, Any]:
    row: dict[str, Any] = {"period": period.isoformat(), "direction": direction, "events": 0, "reports": 0,
                           "mean_goldstein": None, "share_q1": None, "share_q2": None, "share_q3": None,
                           "share_q4": None, "net_cooperation": 0.0}
    if r is None:
        return row
    row.update(events=int(r["events"]), reports=int(r["reports"]), net_cooperation=round(r["net_cooperation"], 4),
               mean_goldstein=None if r["mean_goldstein"] is None else round(r["mean_goldstein"], 4))
    if r["coded"]:
        for q in (1, 2, 3, 4):
            row[f"share_q{q}"] = round(r[f"q{q}"] / r["coded"], 4)
    return row
